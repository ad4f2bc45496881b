import "server-only";
import type { Db } from "@/db/client";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { recordQualityFailure } from "@/lib/links/events";
import { consumeUploadLink, findValidLink } from "@/lib/links/service";
import { logError } from "@/lib/log";
import { processPortrait } from "@/lib/portrait";
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
  status: "updated" | "pending_approval";
  identityId: string;
  organizationId: string;
};

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
 * A person's upload through their link. The photo is checked before anything is written; only an
 * accepted photo consumes the link, and consumption and the portrait change (or approval request)
 * commit together, so a failure leaves the link usable and nothing half-written.
 */
export async function submitSelfRegistration(
  db: Db,
  token: string,
  bytes: Uint8Array,
  clientIp: string,
): Promise<SelfRegistrationOutcome> {
  const ipHit = await hitRateLimit(db, `upload:ip:${clientIp}`, UPLOAD_LIMITS.perIpPerMinute, 60);
  if (!ipHit.allowed) throw rateLimited(ipHit.retryAfterSeconds);
  const link = await findValidLink(db, token);
  if (!link) throw linkInvalid();
  const linkHit = await hitRateLimit(db, `upload:link:${link.linkId}`, UPLOAD_LIMITS.perLinkPerHour, 3600);
  if (!linkHit.allowed) throw rateLimited(linkHit.retryAfterSeconds);

  const result = await processPortrait(bytes, {
    qualityCheck: link.conditions.qualityCheck,
    thresholds: link.qualityThresholds,
  });
  if (!result.report.accepted) {
    await noteQualityFailure(db, link.linkId, result.report.primary?.code ?? "QUALITY_REJECTED");
    throw new QualityRejectedError(result.report);
  }

  const { conditions } = link;
  const report = result.report as unknown as Record<string, unknown>;
  return db.transaction(async (tx) => {
    if (!(await consumeUploadLink(tx, link.linkId))) throw linkAlreadyUsed();
    if (conditions.requireApproval) {
      const requestId = await createApprovalRequest(tx, {
        organizationId: link.organizationId,
        identityId: link.identityId,
        uploadLinkId: link.linkId,
        image: result.image,
        thumbnail: result.thumbnail,
        template: result.template,
        qualityReport: report,
        conditions,
      });
      await recordAudit(tx, {
        organizationId: link.organizationId,
        actor: { type: "public", label: "upload link" },
        action: "upload_link.used",
        targetType: "identity",
        targetId: link.identityId,
        details: { linkId: link.linkId, approvalRequestId: requestId },
      });
      return {
        status: "pending_approval" as const,
        identityId: link.identityId,
        organizationId: link.organizationId,
      };
    }
    const portraitId = await applyPortrait(tx, {
      organizationId: link.organizationId,
      identityId: link.identityId,
      image: result.image,
      thumbnail: result.thumbnail,
      template: result.template,
      qualityReport: report,
      storeImage: conditions.storeImage,
      source: "self_registration",
      uploadLinkId: link.linkId,
      conditions,
    });
    await recordAudit(tx, {
      organizationId: link.organizationId,
      actor: { type: "public", label: "upload link" },
      action: "upload_link.used",
      targetType: "identity",
      targetId: link.identityId,
      details: { linkId: link.linkId, portraitId },
    });
    return { status: "updated" as const, identityId: link.identityId, organizationId: link.organizationId };
  });
}
