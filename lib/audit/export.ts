import "server-only";
import type { DbOrTx } from "@/db/client";
import { csvDocument, csvUtc } from "@/lib/csv";
import { describeAuditEvent, plainText } from "./describe";
import { AUDIT_EVENTS, isAuditEvent, type AuditFilters } from "./filters";
import { allAuditEvents } from "./list";
import { resolveAuditNames } from "./names";

/** The most events one export holds; a narrower filter gets the rest. */
export const AUDIT_EXPORT_MAX = 50_000;

const HEADER = ["Time (UTC)", "Who", "What happened", "Event", "Person", "External ID", "Event code"];

/** The organization's events under these filters as CSV, newest first, in the same words as the page. */
export async function auditCsv(db: DbOrTx, organizationId: string, filters: AuditFilters): Promise<string> {
  const lines: string[][] = [];
  for await (const batch of allAuditEvents(db, organizationId, filters, AUDIT_EXPORT_MAX)) {
    const names = await resolveAuditNames(db, organizationId, batch);
    for (const row of batch) {
      const e = describeAuditEvent(row, names);
      lines.push([
        csvUtc(row.createdAt),
        e.actor.text,
        `${e.actor.text} ${plainText(e.sentence)}`,
        isAuditEvent(row.action) ? AUDIT_EVENTS[row.action] : row.action,
        e.person?.displayName ?? "",
        e.person?.externalId ?? "",
        row.action,
      ]);
    }
  }
  return csvDocument(HEADER, lines);
}
