import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { identities } from "@/db/schema";
import { type Actor, recordAudit } from "@/lib/audit/record";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import { getIdentity, type IdentityRow } from "./read";
import { type IdentityInput, identityInputSchema, type IdentityPatch } from "./schemas";

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

/**
 * Writes to the identity `write` is given the row of, and records the event, in one transaction.
 * `write` returns the rows it touched: none means the identity was deleted since it was read.
 */
async function changeIdentity(
  db: Db,
  organizationId: string,
  actor: Actor,
  identityId: string,
  event: { action: string; details: Record<string, unknown> },
  write: (tx: Tx, row: SQL | undefined) => Promise<unknown[]>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const touched = await write(
      tx,
      and(eq(identities.organizationId, organizationId), eq(identities.id, identityId)),
    );
    if (touched.length === 0) throw notFound("Identity not found.");
    await recordAudit(tx, { organizationId, actor, ...event, targetType: "identity", targetId: identityId });
  });
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
    await changeIdentity(
      db,
      organizationId,
      actor,
      current.id,
      { action: "identity.updated", details: { fields: Object.keys(changes) } },
      (tx, row) =>
        tx
          .update(identities)
          .set({ ...changes, updatedAt: sql`now()` })
          .where(row)
          .returning({ id: identities.id }),
    );
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
  await changeIdentity(
    db,
    organizationId,
    actor,
    current.id,
    { action: "identity.deleted", details: { externalId: current.externalId } },
    (tx, row) => tx.delete(identities).where(row).returning({ id: identities.id }),
  );
}
