import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import { getDbKind, type DbOrTx } from "@/db/client";
import { campaignMembers, mailOutbox } from "@/db/schema";
import type { Actor } from "@/lib/audit/record";
import { issueUploadLinks, missingIdentities } from "@/lib/links/service";
import type { MailKind, MailLocale } from "@/lib/mail/messages";
import { enqueueMails } from "@/lib/mail/outbox";
import type { DeliveryRow } from "./csv";

/** Links are issued 1 000 at a time, each chunk in its own transaction (the batch service's unit). */
export const CHUNK = 1000;
/** Chunk transactions run two at a time (a campaign's chunks never share an identity). */
const PARALLEL_CHUNKS = 2;

export interface CampaignRef {
  id: string;
  locale: MailLocale;
  storeImage: boolean;
  qualityCheck: boolean;
  requireApproval: boolean;
  expiresInHours: number;
}

/** Which mail to queue; a new link after a rejection also carries its reason. */
export interface CampaignMail {
  kind: MailKind;
  reason?: string;
  note?: string;
}

export interface IssuedMember extends DeliveryRow {
  identityId: string;
  /** Whether a mail with this link was queued. */
  mailed: boolean;
  replacedActiveLink: boolean;
}

/**
 * Gives each identity a fresh link of the campaign, chunk by chunk (the identities were resolved
 * once, by the batch service's `resolveIdentityRefs` or a search). In each chunk's transaction:
 * the links (`issueUploadLinks`, the batch service's core: one active link per identity, the older
 * one revoked in the same transaction),
 * the members' current link, and — with `mail` — one queued mail per person with an address; mails
 * still queued with an older link for these people are cancelled. An identity deleted meanwhile is
 * left out. Returns what the CSV needs, in the order of `identityIds`.
 */
export async function issueCampaignLinks(
  db: DbOrTx,
  organizationId: string,
  actor: Actor,
  campaign: CampaignRef,
  identityIds: string[],
  mail: CampaignMail | null,
): Promise<IssuedMember[]> {
  const chunkMail = mail && { ...mail, sendId: randomUUID() };
  const chunks: string[][] = [];
  for (let i = 0; i < identityIds.length; i += CHUNK) chunks.push(identityIds.slice(i, i + CHUNK));
  const results: IssuedMember[][] = [];
  // Chunks name disjoint people, so two transactions can work side by side without waiting on
  // each other's locks; each still locks its identities in id order.
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const index = next++;
      results[index] = await withoutDeletedIdentities(db, chunks[index]!, (tx, chunk) =>
        issueChunk(tx, organizationId, actor, campaign, chunk, chunkMail),
      );
    }
  };
  // Only on a PostgreSQL server and outside a caller's transaction: one connection (PGlite, or the
  // caller's transaction with its savepoints) must run its statements one at a time.
  const parallel = getDbKind() === "postgres" && !("rollback" in db) ? PARALLEL_CHUNKS : 1;
  await Promise.all(Array.from({ length: Math.min(parallel, chunks.length) }, worker));
  return results.flat();
}

/**
 * Runs `issue` on the chunk in its own transaction; when someone deleted some of the chunk's
 * identities meanwhile, runs it again without them.
 */
async function withoutDeletedIdentities(
  db: DbOrTx,
  ids: string[],
  issue: (tx: DbOrTx, chunk: string[]) => Promise<IssuedMember[]>,
): Promise<IssuedMember[]> {
  let chunk = ids;
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction((tx) => issue(tx, chunk));
    } catch (error) {
      // Someone deleted identities of this chunk while we worked: issue to the others.
      const gone = missingIdentities(error);
      if (attempt > 2 || !gone) throw error;
      const missing = new Set(gone);
      chunk = chunk.filter((id) => !missing.has(id));
      if (chunk.length === 0) return [];
    }
  }
}

async function issueChunk(
  tx: DbOrTx,
  organizationId: string,
  actor: Actor,
  campaign: CampaignRef,
  chunk: string[],
  mail: (CampaignMail & { sendId: string }) | null,
): Promise<IssuedMember[]> {
  const issued = await issueUploadLinks(
    tx,
    organizationId,
    actor,
    chunk,
    {
      storeImage: campaign.storeImage,
      qualityCheck: campaign.qualityCheck,
      requireApproval: campaign.requireApproval,
    },
    campaign.expiresInHours,
    { campaignId: campaign.id },
  );
  const byIdentity = new Map(issued.map((l) => [l.identityId, l]));
  const links = chunk.map((id) => byIdentity.get(id)!);
  const linkIds = links.map((l) => l.linkId);
  // A queued mail carrying one of these people's older links would now deliver a dead link.
  await tx
    .update(mailOutbox)
    .set({ status: "cancelled", payload: null, lastError: "replaced by a newer link" })
    .where(
      and(
        eq(mailOutbox.organizationId, organizationId),
        inArray(mailOutbox.identityId, chunk),
        eq(mailOutbox.status, "queued"),
        notInArray(mailOutbox.linkId, linkIds),
      ),
    );
  const mailIds = mail
    ? await enqueueMails(
        tx,
        { sendId: mail.sendId, kind: mail.kind, locale: campaign.locale },
        links.flatMap((l) => {
          const email = l.email;
          return email
            ? [
                {
                  organizationId,
                  campaignId: campaign.id,
                  identityId: l.identityId,
                  linkId: l.linkId,
                  recipient: email,
                  payload: { url: l.url, reason: mail.reason, note: mail.note },
                },
              ]
            : [];
        }),
      )
    : new Map<string, string>();
  await tx
    .insert(campaignMembers)
    .values(
      links.map((l) => ({
        campaignId: campaign.id,
        identityId: l.identityId,
        organizationId,
        linkId: l.linkId,
        linkExpiresAt: l.expiresAt,
        lastMailId: mailIds.get(l.identityId) ?? null,
        mailStatus: mailIds.has(l.identityId) ? ("queued" as const) : null,
        replacedActiveLink: l.replacedActiveLink,
      })),
    )
    .onConflictDoUpdate({
      target: [campaignMembers.campaignId, campaignMembers.identityId],
      // A new current link: its state starts afresh; what happened before (views, failed checks) stays.
      set: {
        linkId: sql`excluded.link_id`,
        linkExpiresAt: sql`excluded.link_expires_at`,
        linkUsedAt: null,
        linkRevokedAt: null,
        linkReplaced: false,
        approvalStatus: null,
        rejectedAt: null,
        rejectionReason: null,
        lastMailId: sql`excluded.last_mail_id`,
        mailStatus: sql`excluded.mail_status`,
        reminders: sql`${campaignMembers.reminders} + 1`,
      },
    });
  return links.map((l) => {
    return {
      identityId: l.identityId,
      externalId: l.externalId,
      displayName: l.displayName,
      email: l.email,
      url: l.url,
      expiresAt: l.expiresAt,
      mailed: mailIds.has(l.identityId),
      replacedActiveLink: l.replacedActiveLink,
    };
  });
}
