import type { ApprovalDetail } from "@/lib/approvals/service";
import type { FaceMatch } from "@/lib/search/service";

/** What the viewer may see: no templates, no report internals beyond the summary. */
export interface ViewerData {
  id: string;
  identityId: string;
  displayName: string;
  externalId: string;
  createdAt: string;
  conditions: ApprovalDetail["conditions"];
  quality: ApprovalDetail["quality"];
  hasImage: boolean;
  current: { id: string; hasImage: boolean; searchable: boolean } | null;
  similarityToCurrent: ApprovalDetail["similarityToCurrent"];
  duplicates: Omit<FaceMatch, "samePerson">[];
  hasTemplate: boolean;
}

export function toViewerData(d: ApprovalDetail): ViewerData {
  return {
    id: d.id,
    identityId: d.identityId,
    displayName: d.displayName,
    externalId: d.externalId,
    createdAt: d.createdAt.toISOString(),
    conditions: d.conditions,
    quality: d.quality,
    hasImage: d.hasThumbnail,
    current: d.currentPortrait
      ? {
          id: d.currentPortrait.id,
          hasImage: d.currentPortrait.hasImage,
          searchable: d.currentPortrait.searchable,
        }
      : null,
    similarityToCurrent: d.similarityToCurrent,
    duplicates: d.possibleDuplicates.map((m) => ({
      identityId: m.identityId,
      displayName: m.displayName,
      externalId: m.externalId,
      portraitId: m.portraitId,
      hasThumbnail: m.hasThumbnail,
      similarity: m.similarity,
    })),
    hasTemplate: d.hasTemplate,
  };
}
