import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { approvalRequests, campaigns, identities, uploadLinks } from "@/db/schema";
import type { Actor } from "@/lib/audit/record";
import { isPending, requestNotFound, requestsOf } from "@/lib/approvals/scope";
import { decideApproval } from "@/lib/approvals/service";
import { AppError } from "@/lib/errors";
import { issueUploadLinks } from "@/lib/links/service";
import type { MailLocale } from "@/lib/mail/messages";
import { isUuid } from "@/lib/validation/uuid";
import { enqueueMails } from "@/lib/mail/outbox";
import { nudgeMailWorker } from "@/lib/mail/start";
import { requireMailConfigured } from "./create";
import { issueCampaignLinks } from "./issue";
import type { RejectionReason } from "./reasons";

export interface RejectWithNewLinkInput {
  reason: RejectionReason;
  /** The reviewer's own words, sent as written. */
  note?: string;
  /** Mail the new link (needs an address and SMTP); otherwise it is returned to show once. */
  email: boolean;
  /** Defaults to the language the person's browser asked for when they opened their link. */
  locale?: MailLocale;
}

export interface NewLinkAfterRejection {
  identityId: string;
  url: string;
  expiresAt: Date;
  locale: MailLocale;
  mailed: boolean;
  campaignId: string | null;
}

/** The language a person is written to in: the one they opened their link in, else the campaign's, else Japanese. */
const personsLocale = (opened: MailLocale | null | undefined, campaign: MailLocale | null | undefined) =>
  opened ?? campaign ?? "ja";

/**
 * "Reject and send a new link with this reason", in one transaction: the request is rejected
 * (with its reason, counted on the campaign page), the person gets a fresh link — in the same
 * campaign and with the same conditions when the upload came through one — and, when asked, a
 * mail in their language saying why. Nothing of it happens unless all of it does.
 */
export async function rejectWithNewLink(
  db: Db,
  organizationId: string,
  actor: Actor,
  requestId: string,
  input: RejectWithNewLinkInput,
): Promise<NewLinkAfterRejection> {
  if (input.email) requireMailConfigured();
  const result = await db.transaction(async (tx) => {
    const decided = await decideApproval(tx, organizationId, actor, requestId, "reject", input.reason);
    const [person] = await tx
      .select({ email: identities.email })
      .from(identities)
      .where(and(eq(identities.organizationId, organizationId), eq(identities.id, decided.identityId)));
    if (input.email && !person?.email) {
      throw new AppError(
        "NO_EMAIL_ADDRESS",
        "This person has no email address: show the link instead.",
        422,
        {
          email: ["This person has no email address."],
        },
      );
    }
    const [old] = decided.uploadLinkId
      ? await tx
          .select({
            campaignId: uploadLinks.campaignId,
            openedLocale: uploadLinks.openedLocale,
            storeImage: uploadLinks.storeImage,
            qualityCheck: uploadLinks.qualityCheck,
            requireApproval: uploadLinks.requireApproval,
          })
          .from(uploadLinks)
          .where(
            and(eq(uploadLinks.organizationId, organizationId), eq(uploadLinks.id, decided.uploadLinkId)),
          )
      : [];
    const [campaign] = old?.campaignId
      ? await tx
          .select()
          .from(campaigns)
          .where(and(eq(campaigns.organizationId, organizationId), eq(campaigns.id, old.campaignId)))
      : [];
    const locale: MailLocale = input.locale ?? personsLocale(old?.openedLocale, campaign?.locale);
    const mail = input.email ? { kind: "new_link" as const, reason: input.reason, note: input.note } : null;
    if (campaign) {
      const [member] = await issueCampaignLinks(
        tx,
        organizationId,
        actor,
        { ...campaign, locale },
        [decided.identityId],
        mail,
      );
      if (!member) throw new AppError("NOT_FOUND", "Identity not found.", 404);
      return {
        identityId: decided.identityId,
        url: member.url,
        expiresAt: member.expiresAt,
        locale,
        mailed: member.mailed,
        campaignId: campaign.id,
      };
    }
    const [link] = await issueUploadLinks(tx, organizationId, actor, [decided.identityId], {
      storeImage: old?.storeImage ?? true,
      qualityCheck: old?.qualityCheck ?? true,
      requireApproval: old?.requireApproval ?? true,
    });
    if (mail && person?.email) {
      await enqueueMails(tx, { sendId: randomUUID(), kind: "new_link", locale }, [
        {
          organizationId,
          campaignId: null,
          identityId: decided.identityId,
          linkId: link!.linkId,
          recipient: person.email,
          payload: { url: link!.url, reason: input.reason, note: input.note },
        },
      ]);
    }
    return {
      identityId: decided.identityId,
      url: link!.url,
      expiresAt: link!.expiresAt,
      locale,
      mailed: Boolean(mail),
      campaignId: null,
    };
  });
  if (result.mailed) nudgeMailWorker();
  return result;
}

export interface NewLinkContext {
  hasEmail: boolean;
  /** The language the person will be written in unless the reviewer picks another. */
  locale: MailLocale;
  campaignName: string | null;
}

/** What the reviewer's "reject and send a new link" form needs to know about a pending request. */
export async function newLinkContext(
  db: DbOrTx,
  organizationId: string,
  requestId: string,
): Promise<NewLinkContext> {
  if (!isUuid(requestId)) throw requestNotFound();
  const [row] = await db
    .select({
      email: identities.email,
      openedLocale: uploadLinks.openedLocale,
      campaignLocale: campaigns.locale,
      campaignName: campaigns.name,
    })
    .from(approvalRequests)
    .innerJoin(identities, eq(identities.id, approvalRequests.identityId))
    .leftJoin(uploadLinks, eq(uploadLinks.id, approvalRequests.uploadLinkId))
    .leftJoin(campaigns, eq(campaigns.id, uploadLinks.campaignId))
    .where(requestsOf(organizationId, eq(approvalRequests.id, requestId), isPending()));
  if (!row) throw requestNotFound();
  return {
    hasEmail: Boolean(row.email),
    locale: personsLocale(row.openedLocale, row.campaignLocale),
    campaignName: row.campaignName,
  };
}
