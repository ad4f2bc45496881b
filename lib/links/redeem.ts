import "server-only";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type LinkConditions, organizations, uploadLinks } from "@/db/schema";
import { isActiveLink } from "./state";
import { hashUploadToken, TOKEN_SHAPE } from "./token";

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
