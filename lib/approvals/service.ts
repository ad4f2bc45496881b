import "server-only";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { approvalRequests, heldImageKeys, identities, portraits, type LinkConditions } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit/record";
import { AppError, notFound } from "@/lib/errors";
import { recordUploadRejected } from "@/lib/links/events";
import { compareTemplates } from "@/lib/portrait";
import type { QualityReport } from "@/lib/portrait/report";
import { applyPortrait } from "@/lib/portraits/apply";
import { searchByTemplate, type FaceMatch } from "@/lib/search/service";
import { decodeCursor, encodeCursor } from "@/lib/validation/cursor";
import { isUuid } from "@/lib/validation/uuid";
import { openHeldImage } from "./held-image";
import { reviewerFinding } from "./reviewer-wording";

export type ApprovalStatus = "pending" | "approved" | "rejected";

export interface QualitySummary {
  checked: boolean;
  accepted: boolean;
  primary: { code: string; message: string; severity: string } | null;
  warnings: number;
  /** Every finding in the reviewer's words, with the measured values (lib/approvals/reviewer-wording.ts). */
  findings: string[];
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
  };
}

const columns = {
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
  hasThumbnail: sql<boolean>`(${approvalRequests.thumbnail} is not null and (
    exists (select 1 from ${heldImageKeys} where ${heldImageKeys.approvalRequestId} = ${approvalRequests.id})
    or substring(${approvalRequests.thumbnail} from 1 for 4) <> '\x494d4831'::bytea))`,
  hasTemplate: sql<boolean>`(${approvalRequests.template} is not null)`,
};

type RawRow = { [K in keyof typeof columns]: unknown } & {
  qualityReport: QualityReport;
  conditions: LinkConditions;
};

function toRow(raw: RawRow): ApprovalRow {
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
  const conditions: SQL[] = [
    eq(approvalRequests.organizationId, organizationId),
    eq(approvalRequests.status, status),
  ];
  const ascending = status === "pending";
  if (options.cursor) {
    const [at, id] = decodeCursor(options.cursor, isIsoTimestamp);
    conditions.push(
      ascending
        ? sql`(${approvalRequests.createdAt}, ${approvalRequests.id}) > (${at}::timestamptz, ${id}::uuid)`
        : sql`(${approvalRequests.createdAt}, ${approvalRequests.id}) < (${at}::timestamptz, ${id}::uuid)`,
    );
  }
  const rows = await db
    .select(columns)
    .from(approvalRequests)
    .innerJoin(identities, eq(identities.id, approvalRequests.identityId))
    .where(and(...conditions))
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
    .where(and(eq(approvalRequests.organizationId, organizationId), eq(approvalRequests.status, "pending")));
  return Number(row?.n ?? 0);
}

export interface ApprovalDetail extends ApprovalRow {
  qualityReport: QualityReport;
  currentPortrait: { id: string; hasImage: boolean; hasThumbnail: boolean; searchable: boolean } | null;
  /** Similarity of the upload to the identity's current portrait, when both have templates. */
  similarityToCurrent: { similarity: number; samePerson: boolean } | null;
  /** Other identities of the organization whose current template matches the upload. */
  possibleDuplicates: FaceMatch[];
}

/** Everything the reviewer's viewer shows for one request. */
export async function getApprovalDetail(
  db: DbOrTx,
  organizationId: string,
  requestId: string,
): Promise<ApprovalDetail> {
  if (!isUuid(requestId)) throw notFound("Approval request not found.");
  const [raw] = await db
    .select({
      ...columns,
      template: approvalRequests.template,
      templateModel: approvalRequests.templateModel,
      currentPortraitId: identities.currentPortraitId,
    })
    .from(approvalRequests)
    .innerJoin(identities, eq(identities.id, approvalRequests.identityId))
    .where(and(eq(approvalRequests.organizationId, organizationId), eq(approvalRequests.id, requestId)));
  if (!raw) throw notFound("Approval request not found.");
  const { template, templateModel, currentPortraitId, ...rowRaw } = raw;
  const row = toRow(rowRaw as RawRow);
  let currentPortrait: ApprovalDetail["currentPortrait"] = null;
  let similarityToCurrent: ApprovalDetail["similarityToCurrent"] = null;
  if (currentPortraitId) {
    const [current] = await db
      .select({
        id: portraits.id,
        image: sql<boolean>`(${portraits.image} is not null)`,
        thumbnail: sql<boolean>`(${portraits.thumbnail} is not null)`,
        searchable: portraits.searchable,
        template: portraits.template,
        templateModel: portraits.templateModel,
      })
      .from(portraits)
      .where(and(eq(portraits.organizationId, organizationId), eq(portraits.id, currentPortraitId)));
    if (current) {
      currentPortrait = {
        id: current.id,
        hasImage: Boolean(current.image),
        hasThumbnail: Boolean(current.thumbnail),
        searchable: current.searchable,
      };
      // Templates of different models are not comparable: no similarity rather than a wrong one.
      if (template && current.template && templateModel === current.templateModel) {
        const { similarity, samePerson } = compareTemplates(template, current.template);
        similarityToCurrent = { similarity, samePerson };
      }
    }
  }
  const possibleDuplicates = template
    ? (
        await searchByTemplate(db, organizationId, template, {
          limit: 5,
          excludeIdentityId: row.identityId,
          model: templateModel ?? undefined,
        })
      ).filter((m) => m.samePerson)
    : [];
  return {
    ...row,
    qualityReport: rowRaw.qualityReport,
    currentPortrait,
    similarityToCurrent,
    possibleDuplicates,
  };
}

/** The held upload image of a pending request, for the reviewer. */
export async function readApprovalImage(
  db: DbOrTx,
  organizationId: string,
  requestId: string,
  variant: "image" | "thumbnail",
) {
  if (!isUuid(requestId)) return null;
  const column = variant === "image" ? approvalRequests.image : approvalRequests.thumbnail;
  const [row] = await db
    .select({ bytes: column, key: heldImageKeys.key })
    .from(approvalRequests)
    .leftJoin(heldImageKeys, eq(heldImageKeys.approvalRequestId, approvalRequests.id))
    .where(and(eq(approvalRequests.organizationId, organizationId), eq(approvalRequests.id, requestId)));
  const bytes = openHeldImage(row?.key ?? null, row?.bytes ?? null);
  if (!bytes) return null;
  return { bytes, contentType: variant === "image" ? "image/jpeg" : "image/webp" };
}

export type Decision = "approve" | "reject";

const alreadyDecided = () =>
  new AppError("ALREADY_DECIDED", "This request has already been decided by someone else.", 409);

/**
 * Approve: in one transaction the upload becomes the identity's current portrait (honouring "do not
 * store the image"), the request is closed and its image dropped, an audit event is written.
 * Reject: the request is closed with its reason and loses its image and template, an audit event
 * is written. The row lock makes concurrent deciders queue; the second finds it decided and gets 409.
 */
export async function decideApproval(
  db: DbOrTx,
  organizationId: string,
  actor: Actor,
  requestId: string,
  decision: Decision,
  /** For a rejection: the reason code the person is told (lib/campaigns/reasons.ts). */
  reason: string | null = null,
  /** The reviewer's own words, kept on the request. */
  note: string | null = null,
): Promise<{ status: "approved" | "rejected"; identityId: string; uploadLinkId: string | null }> {
  if (!isUuid(requestId)) throw notFound("Approval request not found.");
  return db.transaction(async (tx) => {
    const [request] = await tx
      .select({
        id: approvalRequests.id,
        identityId: approvalRequests.identityId,
        status: approvalRequests.status,
        image: approvalRequests.image,
        thumbnail: approvalRequests.thumbnail,
        template: approvalRequests.template,
        templateModel: approvalRequests.templateModel,
        qualityReport: approvalRequests.qualityReport,
        conditions: approvalRequests.conditions,
        uploadLinkId: approvalRequests.uploadLinkId,
        key: heldImageKeys.key,
      })
      .from(approvalRequests)
      .leftJoin(heldImageKeys, eq(heldImageKeys.approvalRequestId, approvalRequests.id))
      .where(and(eq(approvalRequests.organizationId, organizationId), eq(approvalRequests.id, requestId)))
      .for("update", { of: approvalRequests });
    if (!request) throw notFound("Approval request not found.");
    if (request.status !== "pending") throw alreadyDecided();
    const userId = actor.type === "user" ? actor.id : null;
    // The decision destroys the held image's key: what remains of the image on disk is noise.
    await tx.delete(heldImageKeys).where(eq(heldImageKeys.approvalRequestId, requestId));
    if (decision === "reject") {
      // The request stays as the record of the decision (the identity's history shows it), but
      // nothing of the photo does: no image, thumbnail or template.
      await tx
        .update(approvalRequests)
        .set({
          status: "rejected",
          decidedAt: sql`now()`,
          decidedByUserId: userId,
          decisionReason: reason,
          decisionNote: note,
          image: null,
          thumbnail: null,
          template: null,
          templateModel: null,
        })
        .where(and(eq(approvalRequests.organizationId, organizationId), eq(approvalRequests.id, requestId)));
      await recordAudit(tx, {
        organizationId,
        actor,
        action: "approval.rejected",
        targetType: "approval_request",
        targetId: requestId,
        details: { identityId: request.identityId, ...(reason ? { reason } : {}) },
      });
      // Campaign progress counts the rejection against the link the upload came through.
      if (request.uploadLinkId) await recordUploadRejected(tx, request.uploadLinkId, reason);
      return {
        status: "rejected" as const,
        identityId: request.identityId,
        uploadLinkId: request.uploadLinkId,
      };
    }
    const portraitId = await applyPortrait(tx, {
      organizationId,
      identityId: request.identityId,
      image: openHeldImage(request.key, request.image),
      thumbnail: openHeldImage(request.key, request.thumbnail),
      template: request.template,
      templateModel: request.templateModel,
      qualityReport: request.qualityReport,
      storeImage: request.conditions.storeImage,
      source: "self_registration",
      uploadLinkId: request.uploadLinkId,
      conditions: request.conditions,
      approvedByUserId: userId,
    });
    await tx
      .update(approvalRequests)
      .set({
        status: "approved",
        decidedAt: sql`now()`,
        decidedByUserId: userId,
        decisionNote: note,
        image: null,
        thumbnail: null,
        template: null,
        templateModel: null,
      })
      .where(and(eq(approvalRequests.organizationId, organizationId), eq(approvalRequests.id, requestId)));
    await recordAudit(tx, {
      organizationId,
      actor,
      action: "approval.approved",
      targetType: "approval_request",
      targetId: requestId,
      details: { identityId: request.identityId, portraitId },
    });
    return {
      status: "approved" as const,
      identityId: request.identityId,
      uploadLinkId: request.uploadLinkId,
    };
  });
}
