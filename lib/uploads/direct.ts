import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { identities, organizations } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit/record";
import { notFound } from "@/lib/errors";
import { processPortrait, withPortraitAdmission } from "@/lib/portrait";
import { applyPortrait, type PortraitSource } from "@/lib/portraits/apply";
import { QualityRejectedError } from "./errors";

export interface DirectUploadOptions {
  storeImage: boolean;
  qualityCheck: boolean;
}

/** An admin's (or integration's) upload of an identity's portrait: applied at once when accepted. */
export async function uploadPortraitDirect(
  db: Db,
  organizationId: string,
  actor: Actor,
  identityId: string,
  bytes: Uint8Array,
  options: DirectUploadOptions,
  source: Extract<PortraitSource, "admin_upload" | "api"> = "admin_upload",
) {
  const [target] = await db
    .select({ id: identities.id, thresholds: organizations.qualityThresholds })
    .from(identities)
    .innerJoin(organizations, eq(organizations.id, identities.organizationId))
    .where(and(eq(identities.organizationId, organizationId), eq(identities.id, identityId)));
  if (!target) throw notFound("Identity not found.");
  const result = await withPortraitAdmission(() =>
    processPortrait(bytes, { qualityCheck: options.qualityCheck, thresholds: target.thresholds }),
  );
  if (!result.report.accepted) throw new QualityRejectedError(result.report);
  const portraitId = await db.transaction(async (tx) => {
    const id = await applyPortrait(tx, {
      organizationId,
      identityId,
      image: result.image,
      thumbnail: result.thumbnail,
      template: result.template,
      templateModel: result.templateModel,
      qualityReport: result.report,
      storeImage: options.storeImage,
      source,
      createdByUserId: actor.type === "user" ? actor.id : null,
      conditions: {
        storeImage: options.storeImage,
        qualityCheck: options.qualityCheck,
        requireApproval: false,
      },
    });
    await recordAudit(tx, {
      organizationId,
      actor,
      action: "portrait.uploaded",
      targetType: "identity",
      targetId: identityId,
      details: { portraitId: id, ...options },
    });
    return id;
  });
  return { portraitId, report: result.report, searchable: result.template !== null };
}
