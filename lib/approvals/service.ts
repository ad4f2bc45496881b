/**
 * Approval requests, the review queue's domain: the list and count (list.ts), one request for the
 * viewer and its held image (detail.ts), the decision (decide.ts).
 */
export {
  countPendingApprovals,
  listApprovals,
  type ApprovalRow,
  type ApprovalStatus,
  type QualitySummary,
} from "./list";
export { getApprovalDetail, readApprovalImage, type ApprovalDetail } from "./detail";
export { decideApproval, type Decision } from "./decide";
