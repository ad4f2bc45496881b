import "server-only";
import { and, eq, type SQL } from "drizzle-orm";
import { approvalRequests } from "@/db/schema";
import { notFound } from "@/lib/errors";

/** The answer for a request that is unknown, of another organization, or not even an id. */
export const requestNotFound = () => notFound("Approval request not found.");

/** The organization's approval requests that meet `conditions`: no query reaches another organization's. */
export const requestsOf = (organizationId: string, ...conditions: (SQL | undefined)[]) =>
  and(eq(approvalRequests.organizationId, organizationId), ...conditions);

/** One request of the organization. */
export const requestOf = (organizationId: string, requestId: string) =>
  requestsOf(organizationId, eq(approvalRequests.id, requestId));

/** Still waiting for a decision. */
export const isPending = () => eq(approvalRequests.status, "pending");
