import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { apiKeys, organizations } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit/record";
import { AppError, notFound } from "@/lib/errors";

const KEY_PREFIX = "imk_";
const KEY_SHAPE = /^imk_[A-Za-z0-9_-]{43}$/;

export const hashApiKey = (key: string) => createHash("sha256").update(key).digest("hex");

export interface ApiKeyPrincipal {
  keyId: string;
  organizationId: string;
  name: string;
  prefix: string;
}

/** Creates a key for the organization. The raw key is returned once and never stored. */
export async function createApiKey(
  db: Db,
  organizationId: string,
  actor: Actor,
  name: string,
): Promise<{ id: string; key: string; prefix: string }> {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 100) {
    throw new AppError("INVALID_NAME", "Give the key a name of 1 to 100 characters.", 422, {
      name: ["Give the key a name."],
    });
  }
  const key = KEY_PREFIX + randomBytes(32).toString("base64url");
  const prefix = key.slice(0, 12);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        organizationId,
        name: trimmed,
        prefix,
        keyHash: hashApiKey(key),
        createdByUserId: actor.type === "user" ? actor.id : null,
      })
      .returning({ id: apiKeys.id });
    await recordAudit(tx, {
      organizationId,
      actor,
      action: "api_key.created",
      targetType: "api_key",
      targetId: row!.id,
      details: { name: trimmed, prefix },
    });
    return row!.id;
  });
  return { id, key, prefix };
}

/**
 * Resolves a bearer key to its organization. Malformed, unknown and revoked keys all give null;
 * the lookup is by hash, so no key is ever compared as plain text.
 */
export async function authenticateApiKey(db: DbOrTx, key: string): Promise<ApiKeyPrincipal | null> {
  if (!KEY_SHAPE.test(key)) return null;
  const [row] = await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)))
    .returning({
      keyId: apiKeys.id,
      organizationId: apiKeys.organizationId,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
    });
  return row ?? null;
}

export async function listApiKeys(db: DbOrTx, organizationId: string) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.organizationId, organizationId))
    .orderBy(desc(apiKeys.createdAt));
}

export async function revokeApiKey(db: Db, organizationId: string, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiKeys.organizationId, organizationId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id });
    if (rows.length === 0) throw notFound("API key not found or already revoked.");
    await recordAudit(tx, {
      organizationId,
      actor,
      action: "api_key.revoked",
      targetType: "api_key",
      targetId: id,
    });
  });
}

export async function findOrganizationBySlug(db: DbOrTx, slug: string) {
  const [row] = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.slug, slug));
  return row ?? null;
}
