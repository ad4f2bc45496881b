import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { approvalRequests, identities, portraits, uploadLinks } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { isActiveLink, isOpenLink, linkAlias } from "@/lib/links/state";
import { storedImageColumns } from "@/lib/portraits/read";
import { isUuid } from "@/lib/validation/uuid";
import { decodeCursor, encodeCursor } from "./cursor";
import { type IdentityMatch, identityMatchSchema, type ListQuery, listQuerySchema } from "./schemas";

export interface IdentityRow {
  id: string;
  externalId: string;
  displayName: string;
  email: string | null;
  notes: string | null;
  currentPortraitId: string | null;
  hasThumbnail: boolean;
  searchable: boolean | null;
  linkExpiresAt: Date | null;
  pendingApprovals: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface IdentityPage {
  items: IdentityRow[];
  nextCursor: string | null;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

const activeLinkExpiry = sql<Date | null>`(
  select ${uploadLinks.expiresAt} from ${uploadLinks}
  where ${uploadLinks.identityId} = ${identities.id} and ${isActiveLink()}
)`;

const pendingCount = sql<number>`(
  select count(*)::int from ${approvalRequests}
  where ${approvalRequests.identityId} = ${identities.id} and ${approvalRequests.status} = 'pending'
)`;

const rowColumns = {
  id: identities.id,
  externalId: identities.externalId,
  displayName: identities.displayName,
  email: identities.email,
  notes: identities.notes,
  currentPortraitId: identities.currentPortraitId,
  hasThumbnail: storedImageColumns.hasThumbnail,
  searchable: portraits.searchable,
  linkExpiresAt: activeLinkExpiry,
  pendingApprovals: pendingCount,
  createdAt: identities.createdAt,
  updatedAt: identities.updatedAt,
};

function normalizeRow(row: IdentityRow): IdentityRow {
  return {
    ...row,
    hasThumbnail: Boolean(row.hasThumbnail),
    pendingApprovals: Number(row.pendingApprovals),
    linkExpiresAt: row.linkExpiresAt ? new Date(row.linkExpiresAt) : null,
  };
}

/** The search or page parameters of a list as a 400, never a ZodError (a 500) from inside a service. */
function parseQuery<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new AppError("INVALID_PARAMETER", "The search or page parameters are not valid.", 400);
  return parsed.data;
}

/**
 * The WHERE conditions of a search and filter within one organization: the list, its count and
 * "all that match" (campaigns) use exactly the same ones.
 */
export function identityMatchConditions(organizationId: string, match: IdentityMatch = {}): SQL[] {
  const { q, filter, months } = parseQuery(identityMatchSchema, match);
  const conditions: SQL[] = [eq(identities.organizationId, organizationId)];
  if (q) {
    const pattern = `%${escapeLike(q.toLowerCase())}%`;
    conditions.push(
      sql`(lower(${identities.displayName}) like ${pattern} or lower(${identities.externalId}) like ${pattern})`,
    );
  }
  if (filter === "no_portrait") conditions.push(sql`${identities.currentPortraitId} is null`);
  if (filter === "portrait_older") {
    conditions.push(sql`exists (select 1 from ${portraits} p where p.id = ${identities.currentPortraitId}
      and p.created_at < now() - make_interval(months => ${months}))`);
  }
  if (filter === "never_asked") {
    conditions.push(sql`not exists (select 1 from ${uploadLinks} l where l.identity_id = ${identities.id})`);
  }
  // A link that is neither used nor revoked is the identity's newest (issuing revokes the older):
  // when it has expired, the person was asked and never answered.
  if (filter === "link_expired") {
    conditions.push(sql`exists (select 1 from upload_links l where ${linkAlias.identityId} = ${identities.id}
      and ${isOpenLink(linkAlias)} and ${linkAlias.expiresAt} <= now())`);
  }
  if (filter === "link_active") conditions.push(sql`${activeLinkExpiry} is not null`);
  if (filter === "pending_approval") {
    conditions.push(sql`exists (select 1 from ${approvalRequests} where ${approvalRequests.identityId} = ${identities.id}
      and ${approvalRequests.status} = 'pending')`);
  }
  return conditions;
}

/** How many identities a search and filter matches. */
export async function countMatchingIdentities(
  db: DbOrTx,
  organizationId: string,
  match: IdentityMatch = {},
): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(identities)
    .where(and(...identityMatchConditions(organizationId, match)));
  return Number(row?.n ?? 0);
}

/** The ids of every identity a search and filter matches, in list order, at most `limit` + 1. */
export async function matchingIdentityIds(
  db: DbOrTx,
  organizationId: string,
  match: IdentityMatch,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .select({ id: identities.id })
    .from(identities)
    .where(and(...identityMatchConditions(organizationId, match)))
    .orderBy(sql`lower(${identities.displayName})`, identities.id)
    .limit(limit + 1);
  return rows.map((r) => r.id);
}

/** One page of an organization's identities, ordered by name, with keyset pagination. */
export async function listIdentities(
  db: DbOrTx,
  organizationId: string,
  query: ListQuery = {},
): Promise<IdentityPage> {
  const { cursor, limit, ...match } = parseQuery(listQuerySchema, query);
  const conditions = identityMatchConditions(organizationId, match);
  if (cursor) {
    const after = decodeCursor(cursor);
    conditions.push(
      sql`(lower(${identities.displayName}), ${identities.id}) > (${after.name}, ${after.id}::uuid)`,
    );
  }
  const rows = await db
    .select(rowColumns)
    .from(identities)
    .leftJoin(portraits, eq(portraits.id, identities.currentPortraitId))
    .where(and(...conditions))
    .orderBy(sql`lower(${identities.displayName})`, identities.id)
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(normalizeRow);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ name: last.displayName.toLowerCase(), id: last.id })
        : null,
  };
}

/** Finds an identity by id, or by external ID when written `ext:{externalId}`; always within the organization. */
export async function getIdentity(db: DbOrTx, organizationId: string, ref: string): Promise<IdentityRow> {
  let where: SQL | undefined;
  if (ref.startsWith("ext:")) where = eq(identities.externalId, ref.slice(4));
  else if (isUuid(ref)) where = eq(identities.id, ref);
  if (!where) throw notFound("Identity not found.");
  const [row] = await db
    .select(rowColumns)
    .from(identities)
    .leftJoin(portraits, eq(portraits.id, identities.currentPortraitId))
    .where(and(eq(identities.organizationId, organizationId), where));
  if (!row) throw notFound("Identity not found.");
  return normalizeRow(row);
}
