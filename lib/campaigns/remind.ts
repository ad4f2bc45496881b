import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns } from "@/db/schema";
import type { Actor } from "@/lib/audit/record";
import { isOpenLink, linkAlias } from "@/lib/links/state";
import { requireMailConfigured } from "./create";
import { issueCampaignLinks } from "./issue";
import { getCampaign } from "./read";
import { recordSend, type CampaignSend } from "./sent";

/** The people Remind is for: their current link was never used, and nobody replaced or revoked it. */
async function remindableIds(db: Db, organizationId: string, campaignId: string): Promise<string[]> {
  const result = (await db.execute(sql`
    select m.identity_id as id from campaign_members m join upload_links l on l.id = m.link_id
    where m.campaign_id = ${campaignId} and m.organization_id = ${organizationId}
      and ${isOpenLink(linkAlias)}
    order by m.identity_id`)) as unknown as { id: string }[] | { rows: { id: string }[] };
  return (Array.isArray(result) ? result : result.rows).map((r) => r.id);
}

/**
 * Remind: everyone who has not uploaded gets a fresh link of the campaign (which replaces their
 * old one, expired or not), mailed again when asked. The new URLs are returned for the CSV.
 */
export async function remindCampaign(
  db: Db,
  organizationId: string,
  actor: Actor,
  campaignId: string,
  options: { email: boolean },
): Promise<CampaignSend> {
  const campaign = await getCampaign(db, organizationId, campaignId);
  if (options.email) requireMailConfigured();
  const ids = await remindableIds(db, organizationId, campaign.id);
  const members = await issueCampaignLinks(
    db,
    organizationId,
    actor,
    { ...campaign, ...campaign.conditions },
    ids,
    options.email ? { kind: "reminder" } : null,
  );
  return recordSend(db, organizationId, actor, {
    campaignId: campaign.id,
    members,
    counters: members.length ? { reminders: sql`${campaigns.reminders} + 1` } : null,
    action: "campaign.reminded",
  });
}
