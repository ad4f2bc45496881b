import "server-only";
import { desc, eq, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { approvalRequests, heldImageKeys, identities, type LinkConditions } from "@/db/schema";
import type { QualityReport } from "@/lib/portrait/report";
import { decodeCursor, encodeCursor } from "@/lib/validation/cursor";
import { reviewerFinding, type MeasuredIssue } from "./reviewer-wording";
import { isPending, requestsOf } from "./scope";

export type ApprovalStatus = "pending" | "approved" | "rejected";

export interface QualitySummary {
  checked: boolean;
  accepted: boolean;
  primary: { code: string; message: string; severity: string } | null;
  warnings: number;
  /** Every finding in the reviewer's words, with the measured values (lib/approvals/reviewer-wording.ts). */
  findings: string[];
  /** The same findings as codes and numbers, for the console to word in the user's language. */
  issues: MeasuredIssue[];
}

export interface ApprovalRow {
  id: string;
  identityId: string;
  externalId: string;
  displayName: string;
  status: "pending" | "approved" | "rejected";
  createdAt: Date;
  decidedAt: Date | null;
  conditions: LinkConditions;
  quality: QualitySummary;
  hasThumbnail: boolean;
  hasTemplate: boolean;
}

/** Reports stored before a field existed lack it: read them as checked and accepted. */
function summarizeQuality(report: QualityReport): QualitySummary {
  const r: Partial<QualityReport> = report;
  return {
    checked: r.qualityChecked !== false,
    accepted: r.accepted !== false,
    primary: r.primary
      ? { code: r.primary.code, message: r.primary.message, severity: r.primary.severity }
      : null,
    warnings: (r.issues ?? []).filter((i) => i.severity === "warn").length,
    findings: (r.issues ?? []).map(reviewerFinding),
    issues: (r.issues ?? []).map(({ code, severity, measured, threshold }) => ({
      code,
      severity,
      measured,
      threshold,
    })),
  };
}

/** The columns of a request as the list (and the viewer, with more) shows it. */
export const columns = {
  id: approvalRequests.id,
  identityId: approvalRequests.identityId,
  externalId: identities.externalId,
  displayName: identities.displayName,
  status: approvalRequests.status,
  createdAt: approvalRequests.createdAt,
  decidedAt: approvalRequests.decidedAt,
  conditions: approvalRequests.conditions,
  qualityReport: approvalRequests.qualityReport,
  // A held thumbnail can be shown while its key exists (or it predates encryption: no "IMH1" magic).
  // The magic is decoded in SQL: a '\x…' literal in this template is decoded by JavaScript first.
  hasThumbnail: sql<boolean>`(${approvalRequests.thumbnail} is not null and (
    exists (select 1 from ${heldImageKeys} where ${heldImageKeys.approvalRequestId} = ${approvalRequests.id})
    or substring(${approvalRequests.thumbnail} from 1 for 4) <> decode('494d4831', 'hex')))`,
  hasTemplate: sql<boolean>`(${approvalRequests.template} is not null)`,
};

export type RawRow = { [K in keyof typeof columns]: unknown } & {
  qualityReport: QualityReport;
  conditions: LinkConditions;
};

export function toRow(raw: RawRow): ApprovalRow {
  const { qualityReport, ...rest } = raw as RawRow & Omit<ApprovalRow, "quality">;
  return {
    ...(rest as Omit<ApprovalRow, "quality">),
    hasThumbnail: Boolean(rest.hasThumbnail),
    hasTemplate: Boolean(rest.hasTemplate),
    quality: summarizeQuality(qualityReport),
  };
}

/**
 * The cursor's timestamp must be exactly what `toISOString` writes (JavaScript's Date.parse takes
 * "1", PostgreSQL does not).
 */
function isIsoTimestamp(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) &&
    !Number.isNaN(Date.parse(value)) &&
    new Date(value).toISOString() === value
  );
}

/** Requests of the organization, oldest first for pending (a queue), newest first for decided. */
export async function listApprovals(
  db: DbOrTx,
  organizationId: string,
  options: { status?: ApprovalStatus; cursor?: string; limit?: number } = {},
): Promise<{ items: ApprovalRow[]; nextCursor: string | null }> {
  const status = options.status ?? "pending";
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const ascending = status === "pending";
  let after: SQL | undefined;
  if (options.cursor) {
    const [at, id] = decodeCursor(options.cursor, isIsoTimestamp);
    after = ascending
      ? sql`(${approvalRequests.createdAt}, ${approvalRequests.id}) > (${at}::timestamptz, ${id}::uuid)`
      : sql`(${approvalRequests.createdAt}, ${approvalRequests.id}) < (${at}::timestamptz, ${id}::uuid)`;
  }
  const rows = await db
    .select(columns)
    .from(approvalRequests)
    .innerJoin(identities, eq(identities.id, approvalRequests.identityId))
    .where(requestsOf(organizationId, eq(approvalRequests.status, status), after))
    .orderBy(
      ...(ascending
        ? [approvalRequests.createdAt, approvalRequests.id]
        : [desc(approvalRequests.createdAt), desc(approvalRequests.id)]),
    )
    .limit(limit + 1);
  const items = rows.slice(0, limit).map((r) => toRow(r as RawRow));
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt.toISOString(), last.id) : null,
  };
}

export async function countPendingApprovals(db: DbOrTx, organizationId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(approvalRequests)
    .where(requestsOf(organizationId, isPending()));
  return Number(row?.n ?? 0);
}
