import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { decodeCursor, encodeCursor } from "@/lib/validation/cursor";
import { isStorableText } from "@/lib/validation/text";
import { getCampaign } from "./read";
import { MEMBER_STATES, type MemberState } from "./progress-states";

/**
 * Where each person of a campaign stands, judged by their current campaign link (a reminder gives
 * a new one) plus what happened on any of their campaign links. Every state is one SQL condition
 * over the same joined rows, so the counts (one grouped query) and the lists of people behind each
 * count cannot disagree.
 */
export { MEMBER_STATES, type MemberState };

const CONDITION: Record<MemberState, SQL> = {
  issued: sql`true`,
  mail_queued: sql`m.mail_status in ('queued', 'sending', 'handed_over')`,
  delivered: sql`m.mail_status = 'sent'`,
  bounced: sql`m.mail_status in ('bounced', 'failed')`,
  not_mailed: sql`(m.mail_status is null or m.mail_status = 'cancelled')`,
  opened: sql`m.opened_at is not null`,
  failed_check: sql`m.failed_attempts > 0`,
  uploaded: sql`m.link_used_at is not null`,
  awaiting_approval: sql`m.approval_status = 'pending'`,
  approved: sql`m.approval_status = 'approved'`,
  rejected: sql`m.rejected_at is not null`,
  // Remind's target: the current link was never used and nobody replaced or revoked it.
  not_uploaded: sql`m.link_used_at is null and m.link_revoked_at is null`,
  expired: sql`m.link_used_at is null and m.link_revoked_at is null and m.link_expires_at <= now()`,
  replaced: sql`m.link_used_at is null and m.link_revoked_at is not null and m.link_replaced`,
  revoked: sql`m.link_used_at is null and m.link_revoked_at is not null and not m.link_replaced`,
};

/**
 * The campaign's people. Each row carries where the person stands (kept by the triggers of
 * migration 0005_campaigns from their links, events, approvals and mails), so no other table is needed.
 */
const membersOf = (campaignId: string, organizationId: string) =>
  sql`campaign_members m where m.campaign_id = ${campaignId} and m.organization_id = ${organizationId}`;

async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

export type CampaignCounts = Record<MemberState, number>;

export interface CampaignProgress {
  counts: CampaignCounts;
  /** Failed quality checks by primary reason code, most frequent first (attempts, not people). */
  failureReasons: { code: string; attempts: number; people: number }[];
  failedAttempts: number;
}

/** Every count of the campaign page in one grouped query, and the histogram of failure reasons. */
export async function getCampaignProgress(
  db: DbOrTx,
  organizationId: string,
  campaignId: string,
): Promise<CampaignProgress> {
  await getCampaign(db, organizationId, campaignId);
  const selectList = sql.join(
    MEMBER_STATES.map(
      (state) => sql`count(*) filter (where ${CONDITION[state]})::int as ${sql.identifier(state)}`,
    ),
    sql`, `,
  );
  const [countRow] = await rows<Record<MemberState, number>>(
    db,
    sql`select ${selectList} from ${membersOf(campaignId, organizationId)}`,
  );
  const histogram = await rows<{ code: string; attempts: number; people: number }>(
    db,
    sql`select coalesce(code, 'UNKNOWN') as code, count(*)::int as attempts, count(distinct identity_id)::int as people
        from upload_link_events
        where campaign_id = ${campaignId} and organization_id = ${organizationId} and kind = 'quality_failed'
        group by code order by attempts desc, code`,
  );
  const counts = Object.fromEntries(
    MEMBER_STATES.map((s) => [s, Number(countRow?.[s] ?? 0)]),
  ) as CampaignCounts;
  const failureReasons = histogram.map((h) => ({
    code: h.code,
    attempts: Number(h.attempts),
    people: Number(h.people),
  }));
  return { counts, failureReasons, failedAttempts: failureReasons.reduce((sum, h) => sum + h.attempts, 0) };
}

export interface CampaignMember {
  identityId: string;
  externalId: string;
  displayName: string;
  email: string | null;
  linkExpiresAt: Date;
  openedAt: Date | null;
  failedAttempts: number;
  lastFailureCode: string | null;
  uploadedAt: Date | null;
  approval: "pending" | "approved" | "rejected" | null;
  rejectionReason: string | null;
  mail: "queued" | "sent" | "bounced" | "not_mailed";
  linkState: "active" | "used" | "expired" | "replaced" | "revoked";
  reminders: number;
}

type RawMember = Omit<CampaignMember, "linkExpiresAt" | "openedAt" | "uploadedAt"> & {
  linkExpiresAt: string | Date;
  openedAt: string | Date | null;
  uploadedAt: string | Date | null;
  sortName: string;
};

const date = (v: string | Date | null) => (v === null ? null : new Date(v));

// From the client: the name must be text PostgreSQL can store.
const isNameKey = (key: string) => key.length <= 400 && isStorableText(key);

/** The people behind one count (optionally: who failed with one reason code), by name, keyset-paged. */
export async function listCampaignMembers(
  db: DbOrTx,
  organizationId: string,
  campaignId: string,
  options: { state?: MemberState; reason?: string; cursor?: string; limit?: number } = {},
): Promise<{ items: CampaignMember[]; nextCursor: string | null }> {
  await getCampaign(db, organizationId, campaignId);
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const filters: SQL[] = [CONDITION[options.state ?? "issued"]];
  if (options.reason) {
    filters.push(sql`exists (select 1 from upload_link_events e where e.campaign_id = ${campaignId}
      and e.identity_id = m.identity_id and e.kind = 'quality_failed' and e.code = ${options.reason})`);
  }
  if (options.cursor) {
    const [name, id] = decodeCursor(options.cursor, isNameKey);
    filters.push(sql`(lower(i.display_name), i.id) > (${name}, ${id}::uuid)`);
  }
  const found = await rows<RawMember>(
    db,
    sql`select i.id as "identityId", i.external_id as "externalId", i.display_name as "displayName", i.email,
        lower(i.display_name) as "sortName",
        m.link_expires_at as "linkExpiresAt", m.opened_at as "openedAt",
        m.failed_attempts as "failedAttempts", m.last_failure_code as "lastFailureCode",
        m.link_used_at as "uploadedAt",
        case when m.rejected_at is not null then 'rejected' else m.approval_status::text end as approval,
        m.rejection_reason as "rejectionReason",
        case when m.mail_status in ('queued', 'sending', 'handed_over') then 'queued'
             when m.mail_status = 'sent' then 'sent'
             when m.mail_status in ('bounced', 'failed') then 'bounced'
             else 'not_mailed' end as mail,
        case when m.link_used_at is not null then 'used'
             when m.link_revoked_at is not null then (case when m.link_replaced then 'replaced' else 'revoked' end)
             when m.link_expires_at <= now() then 'expired'
             else 'active' end as "linkState",
        m.reminders
      from campaign_members m join identities i on i.id = m.identity_id
      where m.campaign_id = ${campaignId} and m.organization_id = ${organizationId} and ${sql.join(filters, sql` and `)}
      order by lower(i.display_name), i.id
      limit ${limit + 1}`,
  );
  const page = found.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((m) => ({
      identityId: m.identityId,
      externalId: m.externalId,
      displayName: m.displayName,
      email: m.email,
      lastFailureCode: m.lastFailureCode,
      approval: m.approval,
      rejectionReason: m.rejectionReason,
      mail: m.mail,
      linkState: m.linkState,
      failedAttempts: Number(m.failedAttempts),
      reminders: Number(m.reminders),
      linkExpiresAt: new Date(m.linkExpiresAt),
      openedAt: date(m.openedAt),
      uploadedAt: date(m.uploadedAt),
    })),
    nextCursor: found.length > limit && last ? encodeCursor(last.sortName, last.identityId) : null,
  };
}
