import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { approvalRequests, identities, portraits, uploadLinks } from "@/db/schema";
import type { Actor } from "@/lib/audit/record";
import { recordAudit } from "@/lib/audit/record";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "./cursor";
import {
  identityInputSchema,
  listQuerySchema,
  type IdentityInput,
  type IdentityPatch,
  type ListQuery,
} from "./schemas";

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
  where ${uploadLinks.identityId} = ${identities.id}
    and ${uploadLinks.usedAt} is null and ${uploadLinks.revokedAt} is null
    and ${uploadLinks.expiresAt} > now()
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
  hasThumbnail: sql<boolean>`(${portraits.thumbnail} is not null)`,
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

/** One page of an organization's identities, ordered by name, with keyset pagination. */
export async function listIdentities(
  db: DbOrTx,
  organizationId: string,
  query: ListQuery = {},
): Promise<IdentityPage> {
  const parsedQuery = listQuerySchema.safeParse(query);
  if (!parsedQuery.success)
    throw new AppError("INVALID_PARAMETER", "The search or page parameters are not valid.", 400);
  const { q, filter, cursor, limit } = parsedQuery.data;
  const conditions: SQL[] = [eq(identities.organizationId, organizationId)];
  if (q) {
    const pattern = `%${escapeLike(q.toLowerCase())}%`;
    conditions.push(
      sql`(lower(${identities.displayName}) like ${pattern} or lower(${identities.externalId}) like ${pattern})`,
    );
  }
  if (cursor) {
    const after = decodeCursor(cursor);
    conditions.push(
      sql`(lower(${identities.displayName}), ${identities.id}) > (${after.name}, ${after.id}::uuid)`,
    );
  }
  if (filter === "no_portrait") conditions.push(sql`${identities.currentPortraitId} is null`);
  if (filter === "link_active") conditions.push(sql`${activeLinkExpiry} is not null`);
  if (filter === "pending_approval") {
    conditions.push(sql`exists (select 1 from ${approvalRequests} where ${approvalRequests.identityId} = ${identities.id}
      and ${approvalRequests.status} = 'pending')`);
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Finds an identity by id, or by external ID when written `ext:{externalId}`; always within the organization. */
export async function getIdentity(db: DbOrTx, organizationId: string, ref: string): Promise<IdentityRow> {
  let where: SQL | undefined;
  if (ref.startsWith("ext:")) where = eq(identities.externalId, ref.slice(4));
  else if (UUID.test(ref)) where = eq(identities.id, ref);
  if (!where) throw notFound("Identity not found.");
  const [row] = await db
    .select(rowColumns)
    .from(identities)
    .leftJoin(portraits, eq(portraits.id, identities.currentPortraitId))
    .where(and(eq(identities.organizationId, organizationId), where));
  if (!row) throw notFound("Identity not found.");
  return normalizeRow(row);
}

function duplicateExternalId(externalId: string) {
  return new AppError(
    "EXTERNAL_ID_TAKEN",
    `External ID “${externalId}” is already used by another identity.`,
    409,
    {
      externalId: ["This external ID is already used by another identity."],
    },
  );
}

export async function createIdentity(
  db: Db,
  organizationId: string,
  actor: Actor,
  input: IdentityInput,
): Promise<IdentityRow> {
  const data = identityInputSchema.parse(input);
  try {
    const id = await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(identities)
        .values({
          organizationId,
          externalId: data.externalId,
          displayName: data.displayName,
          email: data.email ?? null,
          notes: data.notes ?? null,
        })
        .returning({ id: identities.id });
      await recordAudit(tx, {
        organizationId,
        actor,
        action: "identity.created",
        targetType: "identity",
        targetId: created!.id,
        details: { externalId: data.externalId },
      });
      return created!.id;
    });
    return getIdentity(db, organizationId, id);
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateExternalId(data.externalId);
    throw error;
  }
}

export async function updateIdentity(
  db: Db,
  organizationId: string,
  actor: Actor,
  ref: string,
  patch: IdentityPatch,
): Promise<IdentityRow> {
  const current = await getIdentity(db, organizationId, ref);
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  if (Object.keys(changes).length === 0) return current;
  try {
    await db.transaction(async (tx) => {
      const updated = await tx
        .update(identities)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(and(eq(identities.organizationId, organizationId), eq(identities.id, current.id)))
        .returning({ id: identities.id });
      if (updated.length === 0) throw notFound("Identity not found.");
      await recordAudit(tx, {
        organizationId,
        actor,
        action: "identity.updated",
        targetType: "identity",
        targetId: current.id,
        details: { fields: Object.keys(changes) },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateExternalId(String(changes.externalId ?? ""));
    throw error;
  }
  return getIdentity(db, organizationId, current.id);
}

/** Deletes the identity and, by cascade, all its biometric data: portraits, templates, requests, links. */
export async function deleteIdentity(
  db: Db,
  organizationId: string,
  actor: Actor,
  ref: string,
): Promise<void> {
  const current = await getIdentity(db, organizationId, ref);
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(identities)
      .where(and(eq(identities.organizationId, organizationId), eq(identities.id, current.id)))
      .returning({ id: identities.id });
    if (deleted.length === 0) throw notFound("Identity not found.");
    await recordAudit(tx, {
      organizationId,
      actor,
      action: "identity.deleted",
      targetType: "identity",
      targetId: current.id,
      details: { externalId: current.externalId },
    });
  });
}
