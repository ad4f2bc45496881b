/** The states a campaign's people are counted and listed by (lib/campaigns/progress.ts). */
export const MEMBER_STATES = [
  "issued",
  "mail_queued",
  "delivered",
  "bounced",
  "not_mailed",
  "opened",
  "failed_check",
  "uploaded",
  "awaiting_approval",
  "approved",
  "rejected",
  "not_uploaded",
  "expired",
  "replaced",
  "revoked",
] as const;
export type MemberState = (typeof MEMBER_STATES)[number];
