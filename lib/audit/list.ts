import "server-only";
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditEvents } from "@/db/schema";

export interface AuditRow {
  id: number;
  createdAt: Date;
  actorType: "user" | "api_key" | "public" | "system";
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

/** The organization's audit trail, newest first; `before` is the id of the last row seen. */
export async function listAuditEvents(
  db: DbOrTx,
  organizationId: string,
  options: { before?: number; limit?: number; action?: string } = {},
) {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const conditions: SQL[] = [eq(auditEvents.organizationId, organizationId)];
  // The service guards its own input too: a page cursor beyond bigint must not reach SQL (22003).
  if (options.before !== undefined && Number.isSafeInteger(options.before) && options.before > 0)
    conditions.push(lt(auditEvents.id, options.before));
  if (options.action) conditions.push(eq(auditEvents.action, options.action));
  const rows = await db
    .select({
      id: auditEvents.id,
      createdAt: auditEvents.createdAt,
      actorType: auditEvents.actorType,
      actorLabel: auditEvents.actorLabel,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(limit + 1);
  const items: AuditRow[] = rows.slice(0, limit);
  return { items, nextBefore: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}
