import "server-only";
import { desc, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { approvalRequests, users } from "@/db/schema";
import { requestsOf } from "./scope";

export interface DecidedRequest {
  id: string;
  status: "approved" | "rejected";
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  /** For a rejection: the reason code (lib/campaigns/reasons.ts). */
  reason: string | null;
  note: string | null;
}

/** The identity's decided approval requests, newest first: what its history shows beside the portraits. */
export async function listDecidedRequests(
  db: DbOrTx,
  organizationId: string,
  identityId: string,
): Promise<DecidedRequest[]> {
  const rows = await db
    .select({
      id: approvalRequests.id,
      status: approvalRequests.status,
      createdAt: approvalRequests.createdAt,
      decidedAt: approvalRequests.decidedAt,
      decidedBy: users.email,
      reason: approvalRequests.decisionReason,
      note: approvalRequests.decisionNote,
    })
    .from(approvalRequests)
    .leftJoin(users, eq(users.id, approvalRequests.decidedByUserId))
    .where(
      requestsOf(
        organizationId,
        eq(approvalRequests.identityId, identityId),
        ne(approvalRequests.status, "pending"),
      ),
    )
    .orderBy(desc(approvalRequests.decidedAt), desc(approvalRequests.id));
  return rows.map((r) => ({ ...r, status: r.status as DecidedRequest["status"] }));
}
