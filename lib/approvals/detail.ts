import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { approvalRequests, heldImageKeys, identities, portraits } from "@/db/schema";
import { compareTemplates } from "@/lib/portrait";
import { storedImageColumns } from "@/lib/portraits/read";
import type { QualityReport } from "@/lib/portrait/report";
import type { FaceMatch } from "@/lib/search/service";
import { isUuid } from "@/lib/validation/uuid";
import { samePersonElsewhere } from "./duplicates";
import { openHeldImage } from "./held-image";
import { columns, toRow, type ApprovalRow, type RawRow } from "./list";
import { requestNotFound, requestOf } from "./scope";

export interface ApprovalDetail extends ApprovalRow {
  qualityReport: QualityReport;
  currentPortrait: { id: string; hasImage: boolean; hasThumbnail: boolean; searchable: boolean } | null;
  /** Similarity of the upload to the identity's current portrait, when both have templates. */
  similarityToCurrent: { similarity: number; samePerson: boolean } | null;
  /** Other identities of the organization whose current template matches the upload. */
  possibleDuplicates: FaceMatch[];
}

/** Everything the reviewer's viewer shows for one request. */
export async function getApprovalDetail(
  db: DbOrTx,
  organizationId: string,
  requestId: string,
): Promise<ApprovalDetail> {
  if (!isUuid(requestId)) throw requestNotFound();
  const [raw] = await db
    .select({
      ...columns,
      template: approvalRequests.template,
      templateModel: approvalRequests.templateModel,
      currentPortraitId: identities.currentPortraitId,
    })
    .from(approvalRequests)
    .innerJoin(identities, eq(identities.id, approvalRequests.identityId))
    .where(requestOf(organizationId, requestId));
  if (!raw) throw requestNotFound();
  const { template, templateModel, currentPortraitId, ...rowRaw } = raw;
  const row = toRow(rowRaw as RawRow);
  let currentPortrait: ApprovalDetail["currentPortrait"] = null;
  let similarityToCurrent: ApprovalDetail["similarityToCurrent"] = null;
  if (currentPortraitId) {
    const [current] = await db
      .select({
        id: portraits.id,
        ...storedImageColumns,
        searchable: portraits.searchable,
        template: portraits.template,
        templateModel: portraits.templateModel,
      })
      .from(portraits)
      .where(and(eq(portraits.organizationId, organizationId), eq(portraits.id, currentPortraitId)));
    if (current) {
      currentPortrait = {
        id: current.id,
        hasImage: Boolean(current.hasImage),
        hasThumbnail: Boolean(current.hasThumbnail),
        searchable: current.searchable,
      };
      // Templates of different models are not comparable: no similarity rather than a wrong one.
      if (template && current.template && templateModel === current.templateModel) {
        const { similarity, samePerson } = compareTemplates(template, current.template);
        similarityToCurrent = { similarity, samePerson };
      }
    }
  }
  const possibleDuplicates = await samePersonElsewhere(db, organizationId, {
    identityId: row.identityId,
    template,
    templateModel,
  });
  return {
    ...row,
    qualityReport: rowRaw.qualityReport,
    currentPortrait,
    similarityToCurrent,
    possibleDuplicates,
  };
}

/** The held upload image of a pending request, for the reviewer. */
export async function readApprovalImage(
  db: DbOrTx,
  organizationId: string,
  requestId: string,
  variant: "image" | "thumbnail",
) {
  if (!isUuid(requestId)) return null;
  const column = variant === "image" ? approvalRequests.image : approvalRequests.thumbnail;
  const [row] = await db
    .select({ bytes: column, key: heldImageKeys.key })
    .from(approvalRequests)
    .leftJoin(heldImageKeys, eq(heldImageKeys.approvalRequestId, approvalRequests.id))
    .where(requestOf(organizationId, requestId));
  const bytes = openHeldImage(row?.key ?? null, row?.bytes ?? null);
  if (!bytes) return null;
  return { bytes, contentType: variant === "image" ? "image/jpeg" : "image/webp" };
}
