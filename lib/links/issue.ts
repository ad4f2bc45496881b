import "server-only";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { auditEvents, identities, type LinkConditions, uploadLinks } from "@/db/schema";
import { type Actor, recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/env";
import { AppError, hasErrorCode, notFound } from "@/lib/errors";
import { expiresInHoursSchema, type LinkConditionsInput, linkConditionsSchema } from "./schemas";
import { isOpenLink } from "./state";
import { hashUploadToken, newUploadToken, uploadUrl } from "./token";

export interface IssuedLink {
  linkId: string;
  identityId: string;
  externalId: string;
  /** For whoever delivers the link (a campaign's CSV and mail); the API's answer leaves them out. */
  displayName: string;
  email: string | null;
  url: string;
  expiresAt: Date;
  conditions: LinkConditions;
  /** Whether issuing this link revoked the identity's previous active link. */
  replacedActiveLink: boolean;
}

export interface IssueOptions {
  /** The campaign the links belong to (its page follows them). */
  campaignId?: string;
}

/** Some identities of a batch do not exist (in this organization); `extra.missing` lists their ids. */
const unknownIdentities = (missing: string[]) =>
  new AppError(
    "IDENTITY_NOT_FOUND",
    `${missing.length} identit${missing.length === 1 ? "y was" : "ies were"} not found.`,
    422,
    undefined,
    { missing },
  );

/** The ids an IDENTITY_NOT_FOUND error names, or null for any other error. */
export function missingIdentities(error: unknown): string[] | null {
  if (!hasErrorCode(error, "IDENTITY_NOT_FOUND")) return null;
  const missing = error.extra?.missing;
  return Array.isArray(missing) ? missing.filter((m): m is string => typeof m === "string") : null;
}

const auditActor = (actor: Actor) => ({
  actorType: actor.type,
  actorId: "id" in actor ? actor.id : null,
  actorLabel: actor.label ?? null,
});

/** Revokes the organization's open links of the identities `ofIdentities` names, saying why. */
const revokeOpenLinks = (
  tx: DbOrTx,
  organizationId: string,
  ofIdentities: SQL,
  reason: "replaced" | "revoked",
) =>
  tx
    .update(uploadLinks)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(uploadLinks.organizationId, organizationId), ofIdentities, isOpenLink()))
    .returning({ id: uploadLinks.id, identityId: uploadLinks.identityId });

/**
 * Issues one link per identity, all or nothing. In one transaction: the identities are locked (in
 * id order, so concurrent batches cannot deadlock), their active links revoked, the new ones
 * inserted. The partial unique index guarantees one active link per identity even if code is wrong.
 */
export async function issueUploadLinks(
  db: DbOrTx,
  organizationId: string,
  actor: Actor,
  identityIds: string[],
  conditionsInput: LinkConditionsInput = {},
  expiresInHours?: number,
  options: IssueOptions = {},
): Promise<IssuedLink[]> {
  const conditions = linkConditionsSchema.parse(conditionsInput);
  const hours = expiresInHoursSchema.parse(expiresInHours);
  const ids = [...new Set(identityIds)].sort();
  if (ids.length === 0) return [];
  const appUrl = env().APP_URL;
  return db.transaction(async (tx) => {
    const found = await tx
      .select({
        id: identities.id,
        externalId: identities.externalId,
        displayName: identities.displayName,
        email: identities.email,
      })
      .from(identities)
      .where(and(eq(identities.organizationId, organizationId), inArray(identities.id, ids)))
      .orderBy(identities.id)
      .for("update");
    if (found.length !== ids.length) {
      const have = new Set(found.map((f) => f.id));
      throw unknownIdentities(ids.filter((id) => !have.has(id)));
    }
    const revoked = await revokeOpenLinks(
      tx,
      organizationId,
      inArray(uploadLinks.identityId, ids),
      "replaced",
    );
    const expiresAt = new Date(Date.now() + hours * 3_600_000);
    const tokens = new Map(found.map((f) => [f.id, newUploadToken()]));
    const inserted = await tx
      .insert(uploadLinks)
      .values(
        found.map((f) => ({
          organizationId,
          identityId: f.id,
          tokenHash: hashUploadToken(tokens.get(f.id)!),
          ...conditions,
          expiresAt,
          campaignId: options.campaignId ?? null,
          createdByUserId: actor.type === "user" ? actor.id : null,
          createdByApiKeyId: actor.type === "api_key" ? actor.id : null,
        })),
      )
      .returning({ id: uploadLinks.id, identityId: uploadLinks.identityId });
    const linkIds = new Map(inserted.map((r) => [r.identityId, r.id]));
    const revokedFor = new Set(revoked.map((r) => r.identityId));
    await tx.insert(auditEvents).values(
      found.map((f) => ({
        organizationId,
        ...auditActor(actor),
        action: "upload_link.issued",
        targetType: "identity",
        targetId: f.id,
        details: {
          linkId: linkIds.get(f.id),
          ...conditions,
          expiresAt: expiresAt.toISOString(),
          replacedActiveLink: revokedFor.has(f.id),
          ...(options.campaignId ? { campaignId: options.campaignId } : {}),
        },
      })),
    );
    return found.map((f) => ({
      linkId: linkIds.get(f.id)!,
      identityId: f.id,
      externalId: f.externalId,
      displayName: f.displayName,
      email: f.email,
      url: uploadUrl(appUrl, tokens.get(f.id)!),
      expiresAt,
      conditions,
      replacedActiveLink: revokedFor.has(f.id),
    }));
  });
}

export async function issueUploadLink(
  db: Db,
  organizationId: string,
  actor: Actor,
  identityId: string,
  conditions: LinkConditionsInput,
  expiresInHours?: number,
): Promise<IssuedLink> {
  try {
    const [link] = await issueUploadLinks(
      db,
      organizationId,
      actor,
      [identityId],
      conditions,
      expiresInHours,
    );
    return link!;
  } catch (error) {
    if (missingIdentities(error)) throw notFound("Identity not found.");
    throw error;
  }
}

/** Revokes the identity's active link. Returns false when it had none. */
export async function revokeUploadLink(
  db: Db,
  organizationId: string,
  actor: Actor,
  identityId: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await revokeOpenLinks(tx, organizationId, eq(uploadLinks.identityId, identityId), "revoked");
    if (rows.length === 0) return false;
    await recordAudit(tx, {
      organizationId,
      actor,
      action: "upload_link.revoked",
      targetType: "identity",
      targetId: identityId,
      details: { linkId: rows[0]!.id },
    });
    return true;
  });
}
