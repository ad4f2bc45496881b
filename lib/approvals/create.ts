import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { approvalRequests, heldImageKeys, type LinkConditions } from "@/db/schema";
import type { QualityReport } from "@/lib/portrait/report";
import { newHeldImageKey, sealHeldImage } from "./held-image";
import { isPending, requestsOf } from "./scope";

export interface NewApprovalRequest {
  organizationId: string;
  identityId: string;
  uploadLinkId: string;
  image: Buffer | null;
  thumbnail: Buffer | null;
  template: number[] | null;
  /** The model that made `template` (null with it). */
  templateModel: string | null;
  qualityReport: QualityReport;
  conditions: LinkConditions;
}

/**
 * Files an upload for review inside the caller's transaction. The image is held until the decision
 * even under "do not store", encrypted with a key of its own (held-image.ts) that the decision
 * destroys. A newer upload for the same identity supersedes an older pending one (its image and key
 * are deleted with it), so reviewers only ever see the latest photo a person sent.
 */
export async function createApprovalRequest(tx: DbOrTx, input: NewApprovalRequest): Promise<string> {
  await tx
    .delete(approvalRequests)
    .where(requestsOf(input.organizationId, eq(approvalRequests.identityId, input.identityId), isPending()));
  const key = newHeldImageKey();
  const [row] = await tx
    .insert(approvalRequests)
    .values({
      ...input,
      image: input.image && sealHeldImage(key, input.image),
      thumbnail: input.thumbnail && sealHeldImage(key, input.thumbnail),
      status: "pending",
    })
    .returning({ id: approvalRequests.id });
  await tx.insert(heldImageKeys).values({ approvalRequestId: row!.id, key });
  return row!.id;
}
