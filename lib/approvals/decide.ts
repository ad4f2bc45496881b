import "server-only";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { approvalRequests, heldImageKeys } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { recordUploadRejected } from "@/lib/links/events";
import { applyPortrait } from "@/lib/portraits/apply";
import { isUuid } from "@/lib/validation/uuid";
import { openHeldImage } from "./held-image";
import { requestNotFound, requestOf } from "./scope";

export type Decision = "approve" | "reject";

const alreadyDecided = () =>
  new AppError("ALREADY_DECIDED", "This request has already been decided by someone else.", 409);

/**
 * Approve: in one transaction the upload becomes the identity's current portrait (honouring "do not
 * store the image"), the request is closed and its image dropped, an audit event is written.
 * Reject: the request is closed with its reason and loses its image and template, an audit event
 * is written. The row lock makes concurrent deciders queue; the second finds it decided and gets 409.
 */
export async function decideApproval(
  db: DbOrTx,
  organizationId: string,
  actor: Actor,
  requestId: string,
  decision: Decision,
  /** For a rejection: the reason code the person is told (lib/campaigns/reasons.ts). */
  reason: string | null = null,
  /** The reviewer's own words, kept on the request. */
  note: string | null = null,
): Promise<{ status: "approved" | "rejected"; identityId: string; uploadLinkId: string | null }> {
  if (!isUuid(requestId)) throw requestNotFound();
  return db.transaction(async (tx) => {
    const [request] = await tx
      .select({
        id: approvalRequests.id,
        identityId: approvalRequests.identityId,
        status: approvalRequests.status,
        image: approvalRequests.image,
        thumbnail: approvalRequests.thumbnail,
        template: approvalRequests.template,
        templateModel: approvalRequests.templateModel,
        qualityReport: approvalRequests.qualityReport,
        conditions: approvalRequests.conditions,
        uploadLinkId: approvalRequests.uploadLinkId,
        key: heldImageKeys.key,
      })
      .from(approvalRequests)
      .leftJoin(heldImageKeys, eq(heldImageKeys.approvalRequestId, approvalRequests.id))
      .where(requestOf(organizationId, requestId))
      .for("update", { of: approvalRequests });
    if (!request) throw requestNotFound();
    if (request.status !== "pending") throw alreadyDecided();
    const userId = actor.type === "user" ? actor.id : null;
    // The decision destroys the held image's key: what remains of the image on disk is noise.
    await tx.delete(heldImageKeys).where(eq(heldImageKeys.approvalRequestId, requestId));
    if (decision === "reject") {
      // The request stays as the record of the decision (the identity's history shows it), but
      // nothing of the photo does.
      await closeRequest(tx, organizationId, requestId, {
        status: "rejected",
        decidedByUserId: userId,
        decisionReason: reason,
        decisionNote: note,
      });
      await recordAudit(tx, {
        organizationId,
        actor,
        action: "approval.rejected",
        targetType: "approval_request",
        targetId: requestId,
        details: { identityId: request.identityId, ...(reason ? { reason } : {}) },
      });
      // Campaign progress counts the rejection against the link the upload came through.
      if (request.uploadLinkId) await recordUploadRejected(tx, request.uploadLinkId, reason);
    } else {
      const portraitId = await applyPortrait(tx, {
        organizationId,
        identityId: request.identityId,
        image: openHeldImage(request.key, request.image),
        thumbnail: openHeldImage(request.key, request.thumbnail),
        template: request.template,
        templateModel: request.templateModel,
        qualityReport: request.qualityReport,
        storeImage: request.conditions.storeImage,
        source: "self_registration",
        uploadLinkId: request.uploadLinkId,
        conditions: request.conditions,
        approvedByUserId: userId,
      });
      await closeRequest(tx, organizationId, requestId, {
        status: "approved",
        decidedByUserId: userId,
        decisionNote: note,
      });
      await recordAudit(tx, {
        organizationId,
        actor,
        action: "approval.approved",
        targetType: "approval_request",
        targetId: requestId,
        details: { identityId: request.identityId, portraitId },
      });
    }
    return {
      status: decision === "reject" ? ("rejected" as const) : ("approved" as const),
      identityId: request.identityId,
      uploadLinkId: request.uploadLinkId,
    };
  });
}

/** Closes a request as decided (by whom, now), keeping nothing of the photo on it. */
async function closeRequest(
  tx: DbOrTx,
  organizationId: string,
  requestId: string,
  decided: {
    status: "approved" | "rejected";
    decidedByUserId: string | null;
    decisionReason?: string | null;
    decisionNote: string | null;
  },
) {
  await tx
    .update(approvalRequests)
    .set({
      ...decided,
      decidedAt: sql`now()`,
      image: null,
      thumbnail: null,
      template: null,
      templateModel: null,
    })
    .where(requestOf(organizationId, requestId));
}
