import "server-only";
import { and, asc, count, desc, eq, gt, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { auditEvents, identities } from "@/db/schema";
import type { AuditFilters } from "./filters";

export interface AuditRow {
  id: number;
  createdAt: Date;
  actorType: "user" | "api_key" | "public" | "system";
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

const COLUMNS = {
  id: auditEvents.id,
  createdAt: auditEvents.createdAt,
  actorType: auditEvents.actorType,
  actorId: auditEvents.actorId,
  actorLabel: auditEvents.actorLabel,
  action: auditEvents.action,
  targetType: auditEvents.targetType,
  targetId: auditEvents.targetId,
  details: auditEvents.details,
};

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const isUuid = (s: string) => z.uuid().safeParse(s).success;

/** The people a `person` filter names: an identity id, or up to 100 whose name or external ID contains the words. */
async function personIds(db: DbOrTx, organizationId: string, person: string): Promise<string[]> {
  if (isUuid(person)) return [person.toLowerCase()];
  const pattern = `%${likeEscape(person)}%`;
  const rows = await db
    .select({ id: identities.id })
    .from(identities)
    .where(
      and(
        eq(identities.organizationId, organizationId),
        or(ilike(identities.displayName, pattern), ilike(identities.externalId, pattern)),
      ),
    )
    .limit(100);
  return rows.map((r) => r.id);
}

/** The WHERE clause for an organization's events under these filters (always scoped to the organization). */
export async function auditWhere(db: DbOrTx, organizationId: string, filters: AuditFilters): Promise<SQL> {
  const conditions: SQL[] = [eq(auditEvents.organizationId, organizationId)];
  if (filters.event) conditions.push(eq(auditEvents.action, filters.event));
  if (filters.actor) {
    conditions.push(eq(auditEvents.actorType, filters.actor.type));
    if ("id" in filters.actor) conditions.push(eq(auditEvents.actorId, filters.actor.id));
  }
  if (filters.person) {
    const ids = await personIds(db, organizationId, filters.person);
    const aboutPerson: SQL[] = [
      // A deleted person is found by the external ID their created/deleted events keep.
      sql`${auditEvents.details}->>'externalId' = ${filters.person}`,
    ];
    if (ids.length) {
      aboutPerson.push(and(eq(auditEvents.targetType, "identity"), inArray(auditEvents.targetId, ids))!);
      aboutPerson.push(inArray(sql`${auditEvents.details}->>'identityId'`, ids));
    }
    conditions.push(or(...aboutPerson)!);
  }
  return and(...conditions)!;
}

export interface AuditPage {
  items: AuditRow[];
  /** Events matching the filters, and how many of them are newer than this page. */
  total: number;
  newerCount: number;
  /** Cursors for the next older and newer pages; null at the end, or (newer) when the newest page is next. */
  olderBefore: number | null;
  newerAfter: number | null;
}

/**
 * One page of the organization's audit trail, newest first. `before` pages towards older events
 * (ids below it), `after` back towards newer ones (ids above it); neither is the newest page.
 */
export async function listAuditEvents(
  db: DbOrTx,
  organizationId: string,
  options: { before?: number; after?: number; limit?: number; filters?: AuditFilters } = {},
): Promise<AuditPage> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const where = await auditWhere(db, organizationId, options.filters ?? {});
  // The service guards its own input too: a page cursor beyond bigint must not reach SQL (22003).
  const valid = (n: number | undefined) =>
    n !== undefined && Number.isSafeInteger(n) && n > 0 ? n : undefined;
  const before = valid(options.before);
  const after = before === undefined ? valid(options.after) : undefined;
  let rows: AuditRow[];
  if (after !== undefined) {
    const newer = await db
      .select(COLUMNS)
      .from(auditEvents)
      .where(and(where, gt(auditEvents.id, after)))
      .orderBy(asc(auditEvents.id))
      .limit(limit);
    rows = newer.reverse();
  } else {
    rows = await db
      .select(COLUMNS)
      .from(auditEvents)
      .where(before === undefined ? where : and(where, lt(auditEvents.id, before)))
      .orderBy(desc(auditEvents.id))
      .limit(limit);
  }
  const countWhere = async (condition: SQL) => {
    const [row] = await db.select({ n: count() }).from(auditEvents).where(condition);
    return Number(row?.n ?? 0);
  };
  const first = rows[0]?.id;
  const last = rows.at(-1)?.id;
  const total = await countWhere(where);
  const newerCount = first === undefined ? 0 : await countWhere(and(where, gt(auditEvents.id, first))!);
  const olderCount = last === undefined ? 0 : await countWhere(and(where, lt(auditEvents.id, last))!);
  return {
    items: rows,
    total,
    newerCount,
    olderBefore: olderCount > 0 ? last! : null,
    // A newer page that would be short is the newest page, which needs no cursor.
    newerAfter: newerCount > limit ? first! : null,
  };
}

/** Every event matching the filters, newest first, in batches (for the CSV export); at most `max`. */
export async function* allAuditEvents(
  db: DbOrTx,
  organizationId: string,
  filters: AuditFilters,
  max: number,
): AsyncGenerator<AuditRow[]> {
  const where = await auditWhere(db, organizationId, filters);
  let before: number | undefined;
  let seen = 0;
  while (seen < max) {
    const batch = await db
      .select(COLUMNS)
      .from(auditEvents)
      .where(before === undefined ? where : and(where, lt(auditEvents.id, before)))
      .orderBy(desc(auditEvents.id))
      .limit(Math.min(500, max - seen));
    if (batch.length === 0) return;
    yield batch;
    seen += batch.length;
    before = batch.at(-1)!.id;
  }
}
