import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";

export interface Inconsistency {
  check: string;
  /** Row ids only: no image bytes, tokens or personal data. */
  ids: string[];
}

/**
 * Each check names a state that only a half-finished write could leave behind. Uploads, approvals
 * and deletions commit in one transaction, so after any crash (app killed, connection cut) every
 * query here must return nothing. Run after a restart, or from tests after injecting a fault.
 */
const CHECKS: Record<string, SQL> = {
  // A link is consumed in the same transaction that writes its portrait or request and the audit event.
  "used link without its upload_link.used audit event": sql`
    select l.id::text as id from upload_links l
    where l.used_at is not null and not exists (
      select 1 from audit_events a where a.organization_id = l.organization_id and a.action = 'upload_link.used' and a.details->>'linkId' = l.id::text)`,
  "portrait from a link that is not marked used": sql`
    select p.id::text as id from portraits p join upload_links l on l.id = p.upload_link_id where l.used_at is null`,
  "approval request from a link that is not marked used": sql`
    select r.id::text as id from approval_requests r join upload_links l on l.id = r.upload_link_id where l.used_at is null`,
  "pending approval request without a template or image to review": sql`
    select id::text as id from approval_requests where status = 'pending' and image is null and template is null`,
  // Rule 7: a decided request keeps no image bytes.
  "decided approval request still holding image bytes": sql`
    select id::text as id from approval_requests where status <> 'pending' and (image is not null or thumbnail is not null)`,
  // Crypto-shredding: the decision destroys the held image's key in the same transaction.
  "decided approval request whose image key still exists": sql`
    select r.id::text as id from approval_requests r join held_image_keys k on k.approval_request_id = r.id
    where r.status <> 'pending'`,
  "portrait kept image bytes although its conditions say do not store": sql`
    select id::text as id from portraits where (conditions->>'storeImage') = 'false' and (image is not null or thumbnail is not null)`,
  "identity whose current portrait is missing or belongs to someone else": sql`
    select i.id::text as id from identities i left join portraits p on p.id = i.current_portrait_id
    where i.current_portrait_id is not null and (p.id is null or p.identity_id <> i.id or p.organization_id <> i.organization_id)`,
  // Kept by the triggers of migration 0005_campaigns; a difference would make the campaign page's counts wrong.
  "campaign member out of step with its current link": sql`
    select m.campaign_id::text || '/' || m.identity_id::text as id from campaign_members m join upload_links l on l.id = m.link_id
    where l.identity_id <> m.identity_id or l.campaign_id is distinct from m.campaign_id
      or m.link_used_at is distinct from l.used_at or m.link_revoked_at is distinct from l.revoked_at
      or m.link_expires_at is distinct from l.expires_at`,
  "more than one active link for an identity": sql`
    select identity_id::text as id from upload_links where used_at is null and revoked_at is null group by identity_id having count(*) > 1`,
  "row whose organization differs from its identity's": sql`
    select p.id::text as id from portraits p join identities i on i.id = p.identity_id where p.organization_id <> i.organization_id
    union all select l.id::text from upload_links l join identities i on i.id = l.identity_id where l.organization_id <> i.organization_id
    union all select r.id::text from approval_requests r join identities i on i.id = r.identity_id where r.organization_id <> i.organization_id`,
};

export async function findInconsistencies(db: DbOrTx): Promise<Inconsistency[]> {
  const found: Inconsistency[] = [];
  for (const [check, query] of Object.entries(CHECKS)) {
    const result = (await db.execute(query)) as unknown as { id: string }[] | { rows: { id: string }[] };
    const rows = Array.isArray(result) ? result : result.rows;
    if (rows.length > 0) found.push({ check, ids: rows.map((r) => r.id) });
  }
  return found;
}
