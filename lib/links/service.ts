import "server-only";
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { auditEvents, identities, organizations, uploadLinks, type LinkConditions } from "@/db/schema";
import type { Actor } from "@/lib/audit/record";
import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/env";
import { AppError, hasErrorCode, notFound } from "@/lib/errors";
import { expiresInHoursSchema, linkConditionsSchema, type LinkConditionsInput } from "./schemas";
import { isActiveLink, isOpenLink } from "./state";
import { hashUploadToken, newUploadToken, TOKEN_SHAPE, uploadUrl } from "./token";

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
    const revoked = await tx
      .update(uploadLinks)
      .set({ revokedAt: sql`now()`, revokedReason: "replaced" })
      .where(
        and(
          eq(uploadLinks.organizationId, organizationId),
          inArray(uploadLinks.identityId, ids),
          isOpenLink(),
        ),
      )
      .returning({ id: uploadLinks.id, identityId: uploadLinks.identityId });
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
    const rows = await tx
      .update(uploadLinks)
      .set({ revokedAt: sql`now()`, revokedReason: "revoked" })
      .where(
        and(
          eq(uploadLinks.organizationId, organizationId),
          eq(uploadLinks.identityId, identityId),
          isOpenLink(),
        ),
      )
      .returning({ id: uploadLinks.id });
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

export interface ValidLink {
  linkId: string;
  organizationId: string;
  organizationName: string;
  identityId: string;
  conditions: LinkConditions;
  qualityThresholds: Record<string, number>;
}

/**
 * Resolves a token to its link while the link can still be used. Used, revoked, expired, unknown
 * and malformed tokens all give null: the caller shows one "no longer valid" answer, no oracle.
 * Reading never consumes.
 */
export async function findValidLink(db: DbOrTx, token: string): Promise<ValidLink | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [row] = await db
    .select({
      linkId: uploadLinks.id,
      organizationId: uploadLinks.organizationId,
      organizationName: organizations.name,
      identityId: uploadLinks.identityId,
      storeImage: uploadLinks.storeImage,
      qualityCheck: uploadLinks.qualityCheck,
      requireApproval: uploadLinks.requireApproval,
      qualityThresholds: organizations.qualityThresholds,
    })
    .from(uploadLinks)
    .innerJoin(organizations, eq(organizations.id, uploadLinks.organizationId))
    .where(and(eq(uploadLinks.tokenHash, hashUploadToken(token)), isActiveLink()));
  if (!row) return null;
  const { storeImage, qualityCheck, requireApproval, ...rest } = row;
  return { ...rest, conditions: { storeImage, qualityCheck, requireApproval } };
}

export type UploadOutcome = "updated" | "pending_approval";

export interface UsedLinkOutcome {
  /** True when the link was used by the upload named `uploadId`; false: by another (or unnamed) one. */
  sameUpload: boolean;
  outcome: UploadOutcome | null;
  identityId: string;
  organizationId: string;
}

/**
 * What became of the upload that used this link (by token, or by id inside the consuming
 * transaction), for a retry of that upload after its answer was lost. Null when the link is not used.
 */
export async function findUsedLinkOutcome(
  db: DbOrTx,
  link: { token: string } | { linkId: string },
  uploadId: string,
): Promise<UsedLinkOutcome | null> {
  if ("token" in link && !TOKEN_SHAPE.test(link.token)) return null;
  const [row] = await db
    .select({
      uploadId: uploadLinks.usedByUploadId,
      outcome: uploadLinks.usedOutcome,
      identityId: uploadLinks.identityId,
      organizationId: uploadLinks.organizationId,
    })
    .from(uploadLinks)
    .where(
      and(
        "token" in link
          ? eq(uploadLinks.tokenHash, hashUploadToken(link.token))
          : eq(uploadLinks.id, link.linkId),
        isNotNull(uploadLinks.usedAt),
      ),
    );
  if (!row) return null;
  const { uploadId: usedBy, ...rest } = row;
  return { ...rest, sameUpload: usedBy === uploadId && rest.outcome !== null };
}

/**
 * Marks the link used inside the caller's transaction, with the upload that used it and what it
 * became (so a retry of the same upload can be answered again). Exactly one of several concurrent
 * callers gets true: the conditional UPDATE takes the row lock and re-checks after waiting.
 */
export async function consumeUploadLink(
  tx: DbOrTx,
  linkId: string,
  used: { uploadId?: string | null; outcome?: UploadOutcome } = {},
): Promise<boolean> {
  const rows = await tx
    .update(uploadLinks)
    .set({ usedAt: sql`now()`, usedByUploadId: used.uploadId ?? null, usedOutcome: used.outcome ?? null })
    .where(and(eq(uploadLinks.id, linkId), isActiveLink()))
    .returning({ id: uploadLinks.id });
  return rows.length === 1;
}
