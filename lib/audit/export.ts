import "server-only";
import type { DbOrTx } from "@/db/client";
import { csvDocument, csvUtc } from "@/lib/csv";
import type { Locale } from "@/lib/i18n/upload";
import { auditEventKey, isAuditEvent, type AuditFilters } from "./filters";
import { allAuditEvents } from "./list";
import { resolveAuditNames } from "./names";
import { auditSentences, auditSentenceText, consoleTranslator } from "./sentence";

/** The most events one export holds; a narrower filter gets the rest. */
export const AUDIT_EXPORT_MAX = 50_000;

/**
 * The organization's events under these filters as CSV, newest first, in the words the audit page
 * shows in `locale` (times in UTC, as ISO 8601 without the T; the event's code in the last column).
 */
export async function auditCsv(
  db: DbOrTx,
  organizationId: string,
  filters: AuditFilters,
  locale: Locale = "en",
): Promise<string> {
  const t = consoleTranslator(locale);
  const sentenceOf = auditSentences(locale);
  const textOf = auditSentenceText(locale);
  const header = (["time", "who", "what", "event", "person", "externalId", "code"] as const).map((c) =>
    t(`audit.csv.${c}`),
  );
  const lines: string[][] = [];
  for await (const batch of allAuditEvents(db, organizationId, filters, AUDIT_EXPORT_MAX)) {
    const names = await resolveAuditNames(db, organizationId, batch);
    for (const row of batch) {
      const s = sentenceOf(row, names);
      const what = s ? textOf(s) : row.action;
      lines.push([
        csvUtc(row.createdAt),
        s?.actor.text ?? row.actorLabel ?? "",
        what,
        isAuditEvent(row.action) ? t(`audit.events.${auditEventKey(row.action)}`) : row.action,
        s?.about?.displayName ?? "",
        s?.about?.externalId ?? "",
        row.action,
      ]);
    }
  }
  return csvDocument(header, lines);
}
