import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { approvalRequests, identities } from "@/db/schema";
import { searchByTemplate, type FaceMatch } from "@/lib/search/service";
import { isPending, requestsOf } from "./scope";

export interface LikelyDuplicate {
  requestId: string;
  displayName: string;
  /** Other identities whose current portrait is, by the same-person threshold, this upload's face. */
  matches: { identityId: string; displayName: string; externalId: string; similarity: number }[];
}

/**
 * Other identities of the organization whose current portrait is, by the same-person threshold, the
 * face of this upload (the five nearest at most); none without a template.
 */
export async function samePersonElsewhere(
  db: DbOrTx,
  organizationId: string,
  upload: { identityId: string; template: number[] | null; templateModel: string | null },
): Promise<FaceMatch[]> {
  if (!upload.template) return [];
  const found = await searchByTemplate(db, organizationId, upload.template, {
    limit: 5,
    excludeIdentityId: upload.identityId,
    model: upload.templateModel ?? undefined,
  });
  return found.filter((m) => m.samePerson);
}

/**
 * The pending requests among `requestIds` whose upload matches another identity of the organization
 * over the same-person threshold: approving one of them needs the reviewer's confirmation.
 */
export async function findLikelyDuplicates(
  db: DbOrTx,
  organizationId: string,
  requestIds: string[],
): Promise<LikelyDuplicate[]> {
  if (requestIds.length === 0) return [];
  const rows = await db
    .select({
      id: approvalRequests.id,
      identityId: approvalRequests.identityId,
      displayName: identities.displayName,
      template: approvalRequests.template,
      templateModel: approvalRequests.templateModel,
    })
    .from(approvalRequests)
    .innerJoin(identities, eq(identities.id, approvalRequests.identityId))
    .where(requestsOf(organizationId, inArray(approvalRequests.id, requestIds), isPending()));
  const out: LikelyDuplicate[] = [];
  for (const row of rows) {
    const matches = (await samePersonElsewhere(db, organizationId, row)).map((m) => ({
      identityId: m.identityId,
      displayName: m.displayName,
      externalId: m.externalId,
      similarity: m.similarity,
    }));
    if (matches.length > 0) out.push({ requestId: row.id, displayName: row.displayName, matches });
  }
  return out;
}
