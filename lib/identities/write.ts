import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
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
