import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { approvalRequests, identities } from "@/db/schema";
import { searchByTemplate } from "@/lib/search/service";

export interface LikelyDuplicate {
  requestId: string;
  displayName: string;
  /** Other identities whose current portrait is, by the same-person threshold, this upload's face. */
  matches: { identityId: string; displayName: string; externalId: string; similarity: number }[];
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
    .where(
      and(
        eq(approvalRequests.organizationId, organizationId),
        inArray(approvalRequests.id, requestIds),
        eq(approvalRequests.status, "pending"),
      ),
    );
  const out: LikelyDuplicate[] = [];
  for (const row of rows) {
    if (!row.template) continue;
    const found = await searchByTemplate(db, organizationId, row.template, {
      limit: 5,
      excludeIdentityId: row.identityId,
      model: row.templateModel ?? undefined,
    });
    const matches = found
      .filter((m) => m.samePerson)
      .map((m) => ({
        identityId: m.identityId,
        displayName: m.displayName,
        externalId: m.externalId,
        similarity: m.similarity,
      }));
    if (matches.length > 0) out.push({ requestId: row.id, displayName: row.displayName, matches });
  }
  return out;
}
