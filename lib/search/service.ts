import "server-only";
import { inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { identities } from "@/db/schema";
import { AppError } from "@/lib/errors";
import {
  processPortrait,
  SAME_PERSON_SIMILARITY,
  similarityFromDistance,
  TEMPLATE_MODEL,
  withPortraitAdmission,
} from "@/lib/portrait";
import { selectCurrentPortraits } from "@/lib/portraits/current";
import { storedImageColumns } from "@/lib/portraits/read";
import { QualityRejectedError } from "@/lib/uploads/errors";
import { nearestTemplates } from "./index-cache";

export interface FaceMatch {
  identityId: string;
  externalId: string;
  displayName: string;
  portraitId: string;
  hasThumbnail: boolean;
  similarity: number;
  samePerson: boolean;
}

/**
 * Top matches for a template among the organization's current portraits, best first. Only portraits
 * whose template was made by the same model are compared (`model`, by default the current one).
 */
export async function searchByTemplate(
  db: DbOrTx,
  organizationId: string,
  template: number[],
  options: { limit?: number; excludeIdentityId?: string; minSimilarity?: number; model?: string } = {},
): Promise<FaceMatch[]> {
  const limit = Math.min(Math.max(options.limit ?? 5, 1), 50);
  const nearest = await nearestTemplates(
    db,
    organizationId,
    template,
    limit,
    options.excludeIdentityId,
    options.model ?? TEMPLATE_MODEL,
  );
  if (nearest.length === 0) return [];
  const rows = await selectCurrentPortraits(
    db,
    organizationId,
    {
      id: identities.id,
      externalId: identities.externalId,
      displayName: identities.displayName,
      hasThumbnail: storedImageColumns.hasThumbnail,
    },
    inArray(
      identities.id,
      nearest.map((n) => n.identityId),
    ),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return nearest
    .filter((n) => byId.has(n.identityId))
    .map((n) => {
      const row = byId.get(n.identityId)!;
      const similarity = similarityFromDistance(n.distance);
      return {
        identityId: n.identityId,
        externalId: row.externalId,
        displayName: row.displayName,
        portraitId: n.portraitId,
        hasThumbnail: Boolean(row.hasThumbnail),
        similarity,
        samePerson: similarity >= SAME_PERSON_SIMILARITY,
      };
    })
    .filter((m) => options.minSimilarity === undefined || m.similarity >= options.minSimilarity);
}

/** Search by photo: the photo's template (no quality gate beyond "a face was found") against the organization. */
export async function searchByFace(
  db: DbOrTx,
  organizationId: string,
  bytes: Uint8Array,
  options: { limit?: number } = {},
) {
  const result = await withPortraitAdmission(() => processPortrait(bytes, { qualityCheck: false }));
  if (!result.report.accepted) throw new QualityRejectedError(result.report);
  if (!result.template) {
    throw new AppError(
      "FACE_NOT_FOUND",
      "No face was found in this photo. Use a photo where one face is clearly visible.",
      422,
    );
  }
  return {
    matches: await searchByTemplate(db, organizationId, result.template, {
      ...options,
      model: result.templateModel ?? TEMPLATE_MODEL,
    }),
    report: result.report,
  };
}
