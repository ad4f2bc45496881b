import "server-only";
import { and, eq } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { campaigns } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit/record";
import { nudgeMailWorker } from "@/lib/mail/start";
import type { IssuedMember } from "./issue";
import { getCampaign, type CampaignSummary } from "./read";

/** A send of the campaign's links: the campaign as it now is, and each member's new link for the CSV. */
export interface CampaignSend {
  campaign: CampaignSummary;
  members: IssuedMember[];
}

/** What a send did, for `recordSend`. */
interface SendRecord {
  campaignId: string;
  members: IssuedMember[];
  /** The campaign's counters to change, when there are any. */
  counters: PgUpdateSetSource<typeof campaigns> | null;
  /** The audit event; its details also say how many people got a link and how many a mail. */
  action: string;
  details?: Record<string, unknown>;
}

/**
 * How a send of the campaign's links (its start, a reminder) ends: the campaign's counters and the
 * audit event in one transaction, then the mail worker is woken for the queued mails.
 */
export async function recordSend(
  db: Db,
  organizationId: string,
  actor: Actor,
  { campaignId, members, counters, action, details }: SendRecord,
): Promise<CampaignSend> {
  const mailed = members.filter((m) => m.mailed).length;
  await db.transaction(async (tx) => {
    if (counters) {
      await tx
        .update(campaigns)
        .set(counters)
        .where(and(eq(campaigns.organizationId, organizationId), eq(campaigns.id, campaignId)));
    }
    await recordAudit(tx, {
      organizationId,
      actor,
      action,
      targetType: "campaign",
      targetId: campaignId,
      details: { ...details, people: members.length, mailed },
    });
  });
  if (mailed) nudgeMailWorker();
  return { campaign: await getCampaign(db, organizationId, campaignId), members };
}
