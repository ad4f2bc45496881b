import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { approvalRequests, type LinkConditions } from "@/db/schema";

export interface NewApprovalRequest {
  organizationId: string;
  identityId: string;
  uploadLinkId: string;
  image: Buffer | null;
  thumbnail: Buffer | null;
  template: number[] | null;
  /** The model that made `template` (null with it). */
  templateModel: string | null;
  qualityReport: Record<string, unknown>;
  conditions: LinkConditions;
}

/**
 * Files an upload for review inside the caller's transaction. The image is held until the decision
 * even under "do not store". A newer upload for the same identity supersedes an older pending one
 * (its image is deleted with it), so reviewers only ever see the latest photo a person sent.
 */
export async function createApprovalRequest(tx: DbOrTx, input: NewApprovalRequest): Promise<string> {
  await tx
    .delete(approvalRequests)
    .where(
      and(
        eq(approvalRequests.organizationId, input.organizationId),
        eq(approvalRequests.identityId, input.identityId),
        eq(approvalRequests.status, "pending"),
      ),
    );
  const [row] = await tx
    .insert(approvalRequests)
    .values({ ...input, status: "pending" })
    .returning({ id: approvalRequests.id });
  return row!.id;
}
