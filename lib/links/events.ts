import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { uploadLinks } from "@/db/schema";
import type { MailLocale } from "@/lib/mail/messages";

/**
 * Notes the first view of a link's page, and the language the person's browser asked for. It only
 * ever sets two columns once: the link stays exactly as usable as before (GET never consumes).
 */
export async function markLinkOpened(db: DbOrTx, linkId: string, locale: MailLocale): Promise<void> {
  await db
    .update(uploadLinks)
    .set({ openedAt: sql`now()`, openedLocale: locale })
    .where(and(eq(uploadLinks.id, linkId), isNull(uploadLinks.openedAt)));
}

/** Appends an event for a link, copying its organization, identity and campaign from the link row. */
async function recordLinkEvent(
  db: DbOrTx,
  linkId: string,
  kind: "quality_failed" | "rejected",
  code: string | null,
): Promise<void> {
  await db.execute(sql`
    insert into upload_link_events (organization_id, link_id, identity_id, campaign_id, kind, code)
    select organization_id, id, identity_id, campaign_id, ${kind}, ${code}
    from upload_links where id = ${linkId}`);
}

/** A photo sent through the link failed the quality check (the link stays usable): counted by reason. */
export const recordQualityFailure = (db: DbOrTx, linkId: string, code: string) =>
  recordLinkEvent(db, linkId, "quality_failed", code.slice(0, 64));

/** The upload made through the link was rejected by a reviewer, with a reason code when one was given. */
export const recordUploadRejected = (db: DbOrTx, linkId: string, reason: string | null) =>
  recordLinkEvent(db, linkId, "rejected", reason);
