import "server-only";
import type { Db } from "@/db/client";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { recordQualityFailure } from "@/lib/links/events";
import {
  consumeUploadLink,
  findUsedLinkOutcome,
  findValidLink,
  type UploadOutcome,
  type ValidLink,
} from "@/lib/links/service";
import { TOKEN_SHAPE } from "@/lib/links/token";
import { logError } from "@/lib/log";
import { processPortrait, withPortraitAdmission } from "@/lib/portrait";
import { createApprovalRequest } from "@/lib/approvals/create";
import { applyPortrait } from "@/lib/portraits/apply";
import { hitRateLimit } from "@/lib/rate-limit";
import { linkAlreadyUsed, linkInvalid, QualityRejectedError } from "./errors";

export const UPLOAD_LIMITS = {
  /** Upload attempts (valid or not) per client address per minute. */
  perIpPerMinute: 30,
  /** Attempts per link per hour: enough to retry after quality failures, not to brute-force. */
  perLinkPerHour: 20,
};

export type SelfRegistrationOutcome = {
  status: UploadOutcome;
  identityId: string;
  organizationId: string;
};

/** The id the person's page gives its upload, so that a retry after a lost answer is recognised. */
export const UPLOAD_ID_SHAPE = /^[A-Za-z0-9_-]{16,64}$/;

export const invalidUploadId = () =>
  new AppError("INVALID_UPLOAD_ID", "The Upload-Id header must be 16–64 letters, digits, _ or -.", 400);

/** What may happen before the photo is read: either the upload may go ahead, or it was made already. */
export type Admission =
  { kind: "proceed"; link: ValidLink } | { kind: "replay"; outcome: SelfRegistrationOutcome };

const rateLimited = (retryAfterSeconds: number) =>
  new AppError("RATE_LIMITED", "Too many attempts. Wait a minute and try again.", 429, undefined, {
    retryAfterSeconds,
  });

/** Counted for the campaign page's histogram; the person's answer must not depend on it. */
async function noteQualityFailure(db: Db, linkId: string, code: string): Promise<void> {
  try {
    await recordQualityFailure(db, linkId, code);
  } catch (error) {
    logError("recording a failed quality check", error);
  }
}

/**
 * Everything decided before the body is read, so a flood of large uploads with made-up tokens
 * costs a database round trip each, never the upload's bytes in memory: the address limit (which
 * counts bad tokens too), the token's shape, the link, and the per-link limit. A retry of an upload
 * that already used the link (same `uploadId`: its answer was lost) gets that upload's outcome back;
 * any other upload to a used link gets LINK_ALREADY_USED.
 */
export async function admitSelfRegistration(
  db: Db,
  token: string,
  clientIp: string,
  uploadId: string | null = null,
): Promise<Admission> {
  if (uploadId !== null && !UPLOAD_ID_SHAPE.test(uploadId)) throw invalidUploadId();
  const ipHit = await hitRateLimit(db, `upload:ip:${clientIp}`, UPLOAD_LIMITS.perIpPerMinute, 60);
  if (!ipHit.allowed) throw rateLimited(ipHit.retryAfterSeconds);
  if (!TOKEN_SHAPE.test(token)) throw linkInvalid();
  const link = await findValidLink(db, token);
  if (!link) {
    const used = uploadId ? await findUsedLinkOutcome(db, { token }, uploadId) : null;
    if (used?.sameUpload && used.outcome) {
      const { identityId, organizationId } = used;
      return { kind: "replay", outcome: { status: used.outcome, identityId, organizationId } };
    }
    throw used ? linkAlreadyUsed() : linkInvalid();
  }
  const linkHit = await hitRateLimit(db, `upload:link:${link.linkId}`, UPLOAD_LIMITS.perLinkPerHour, 3600);
  if (!linkHit.allowed) throw rateLimited(linkHit.retryAfterSeconds);
  return { kind: "proceed", link };
}

/**
 * The admitted upload: the photo is checked before anything is written; only an accepted photo
 * consumes the link, and consumption and the portrait change (or approval request) commit together,
 * so a failure leaves the link usable and nothing half-written.
 */
export async function completeSelfRegistration(
  db: Db,
  link: ValidLink,
  bytes: Uint8Array,
  uploadId: string | null = null,
): Promise<SelfRegistrationOutcome> {
  const result = await withPortraitAdmission(() =>
    processPortrait(bytes, {
      qualityCheck: link.conditions.qualityCheck,
      thresholds: link.qualityThresholds,
    }),
  );
  // Only a photo that was really checked counts as a failed attempt (a busy or shed upload never
  // gets here, and a replayed outcome is answered before the photo is read at all).
  if (!result.report.accepted) {
    await noteQualityFailure(db, link.linkId, result.report.primary?.code ?? "QUALITY_REJECTED");
    throw new QualityRejectedError(result.report);
  }

  const { conditions } = link;
  const report = result.report;
  const status: UploadOutcome = conditions.requireApproval ? "pending_approval" : "updated";
  const done = { status, identityId: link.identityId, organizationId: link.organizationId };
  return db.transaction(async (tx) => {
    if (!(await consumeUploadLink(tx, link.linkId, { uploadId, outcome: status }))) {
      // The same upload sent twice at once (a retry racing its original): one answer for both.
      const used = uploadId ? await findUsedLinkOutcome(tx, { linkId: link.linkId }, uploadId) : null;
      if (used?.sameUpload && used.outcome) return { ...done, status: used.outcome };
      throw linkAlreadyUsed();
    }
    const photo = {
      organizationId: link.organizationId,
      identityId: link.identityId,
      uploadLinkId: link.linkId,
      image: result.image,
      thumbnail: result.thumbnail,
      template: result.template,
      templateModel: result.templateModel,
      qualityReport: report,
      conditions,
    };
    // Held for review, or the identity's portrait at once: the audit event names which.
    const outcome = conditions.requireApproval
      ? { approvalRequestId: await createApprovalRequest(tx, photo) }
      : {
          portraitId: await applyPortrait(tx, {
            ...photo,
            storeImage: conditions.storeImage,
            source: "self_registration",
          }),
        };
    await recordAudit(tx, {
      organizationId: link.organizationId,
      actor: { type: "public", label: "upload link" },
      action: "upload_link.used",
      targetType: "identity",
      targetId: link.identityId,
      details: { linkId: link.linkId, ...outcome },
    });
    return done;
  });
}

/** A person's upload through their link, both steps (for callers that already hold the bytes). */
export async function submitSelfRegistration(
  db: Db,
  token: string,
  bytes: Uint8Array,
  clientIp: string,
  uploadId: string | null = null,
): Promise<SelfRegistrationOutcome> {
  const admission = await admitSelfRegistration(db, token, clientIp, uploadId);
  if (admission.kind === "replay") return admission.outcome;
  return completeSelfRegistration(db, admission.link, bytes, uploadId);
}
