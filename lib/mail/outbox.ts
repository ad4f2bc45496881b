import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import type { MailKind, MailLocale } from "./messages";
import { isActiveLink, linkAlias } from "@/lib/links/state";
import { seal } from "./sealed";

/** What a queued mail needs besides what the database already knows; sealed at rest. */
export interface MailPayload {
  url: string;
  /** For a new link after a rejection: the reason code and the administrator's note. */
  reason?: string;
  note?: string;
}

export interface NewMail {
  organizationId: string;
  campaignId: string | null;
  identityId: string;
  linkId: string;
  recipient: string;
  payload: MailPayload;
}

const CHUNK = 1000;

/**
 * Queues one mail per person for one send, inside the caller's transaction (so the mails exist
 * exactly when the links they carry do). `(sendId, identityId)` is unique: a person can never be
 * queued twice for the same send. Returns each person's outbox row id.
 */
export async function enqueueMails(
  tx: DbOrTx,
  send: { sendId: string; kind: MailKind; locale: MailLocale },
  mails: NewMail[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (let i = 0; i < mails.length; i += CHUNK) {
    const values = mails.slice(i, i + CHUNK).map((m) => {
      const id = randomUUID();
      ids.set(m.identityId, id);
      return {
        id,
        organizationId: m.organizationId,
        campaignId: m.campaignId,
        identityId: m.identityId,
        linkId: m.linkId,
        sendId: send.sendId,
        kind: send.kind,
        locale: send.locale,
        recipient: m.recipient,
        payload: seal(m.organizationId, id, m.payload) as unknown as Record<string, unknown>,
      };
    });
    await tx.insert(mailOutbox).values(values);
  }
  return ids;
}

export interface ClaimedMail {
  id: string;
  organizationId: string;
  kind: MailKind;
  locale: MailLocale;
  recipient: string;
  payload: unknown;
  attempts: number;
  personName: string;
  organizationName: string;
  expiresAt: Date;
  linkActive: boolean;
}

/**
 * Claims due rows for this worker: queued ones whose time has come, and rows a crashed worker
 * claimed but never handed over (lease expired). SKIP LOCKED lets several workers claim side by
 * side; the new claim token fences out the previous holder (see handOver).
 */
export async function claimDueMails(
  db: DbOrTx,
  claimToken: string,
  limit: number,
  leaseMs: number,
): Promise<ClaimedMail[]> {
  const rows = (await db.execute(sql`
    with due as (
      select id from mail_outbox
      where status in ('queued', 'sending') and next_attempt_at <= now()
      order by next_attempt_at
      limit ${limit}
      for update skip locked
    ), claimed as (
      update mail_outbox o
      set status = 'sending', claim_token = ${claimToken}::uuid, attempts = o.attempts + 1,
          lease_until = now() + make_interval(secs => ${leaseMs / 1000}),
          next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000})
      from due where o.id = due.id
      returning o.id, o.organization_id, o.identity_id, o.link_id, o.kind, o.locale, o.recipient, o.payload, o.attempts
    )
    select c.id, c.organization_id as "organizationId", c.kind, c.locale, c.recipient, c.payload, c.attempts,
      i.display_name as "personName", g.name as "organizationName", l.expires_at as "expiresAt",
      (${isActiveLink(linkAlias)}) as "linkActive"
    from claimed c
    join identities i on i.id = c.identity_id
    join organizations g on g.id = c.organization_id
    join upload_links l on l.id = c.link_id
  `)) as unknown as ClaimedMail[] | { rows: ClaimedMail[] };
  const list = Array.isArray(rows) ? rows : rows.rows;
  return list.map((r) => ({
    ...r,
    attempts: Number(r.attempts),
    expiresAt: new Date(r.expiresAt),
    linkActive: Boolean(r.linkActive),
  }));
}

const ours = (id: string, claimToken: string) =>
  and(eq(mailOutbox.id, id), eq(mailOutbox.claimToken, claimToken));

/**
 * Commits "handed over" just before the SMTP client sends the end of DATA. Only the current
 * claim holder succeeds; a row in this state is never claimed again, so it is never sent twice.
 * If the process dies now, `settleStaleHandovers` later counts it as sent (unconfirmed).
 */
export async function handOver(
  db: DbOrTx,
  id: string,
  claimToken: string,
  leaseMs: number,
): Promise<boolean> {
  const rows = await db
    .update(mailOutbox)
    .set({
      status: "handed_over",
      nextAttemptAt: sql`now() + make_interval(secs => ${leaseMs / 1000})`,
    })
    .where(and(ours(id, claimToken), eq(mailOutbox.status, "sending")))
    .returning({ id: mailOutbox.id });
  return rows.length === 1;
}

/** Final states drop the sealed URL: a sent or abandoned mail keeps no token. */
const final = (status: "sent" | "bounced" | "failed" | "cancelled", error: string | null) => ({
  status,
  payload: null,
  leaseUntil: null,
  lastError: error,
  ...(status === "sent" ? { sentAt: sql`now()` } : {}),
});

export async function markSent(db: DbOrTx, id: string, claimToken: string, note: string | null = null) {
  await db.update(mailOutbox).set(final("sent", note)).where(ours(id, claimToken));
}

export async function markFinal(
  db: DbOrTx,
  id: string,
  claimToken: string,
  status: "bounced" | "failed" | "cancelled",
  error: string | null,
) {
  await db.update(mailOutbox).set(final(status, error)).where(ours(id, claimToken));
}

/** Back to the queue for a later attempt; `countAttempt: false` when the server, not the message, failed. */
export async function markRetry(
  db: DbOrTx,
  id: string,
  claimToken: string,
  delayMs: number,
  error: string,
  countAttempt = true,
) {
  await db
    .update(mailOutbox)
    .set({
      status: "queued",
      claimToken: null,
      leaseUntil: null,
      lastError: error,
      nextAttemptAt: sql`now() + make_interval(secs => ${delayMs / 1000})`,
      ...(countAttempt ? {} : { attempts: sql`greatest(${mailOutbox.attempts} - 1, 0)` }),
    })
    .where(ours(id, claimToken));
}

/** Handed over by a worker that then died: the end of DATA was (almost surely) sent; never resend. */
export async function settleStaleHandovers(db: DbOrTx): Promise<number> {
  const rows = await db
    .update(mailOutbox)
    .set(final("sent", "unconfirmed: the sending worker stopped after the end of the message"))
    .where(and(eq(mailOutbox.status, "handed_over"), sql`${mailOutbox.nextAttemptAt} <= now()`))
    .returning({ id: mailOutbox.id });
  return rows.length;
}

/** Mails whose link can no longer be used are pointless, and must not keep its URL. */
export async function cancelMailsForInactiveLinks(db: DbOrTx): Promise<number> {
  const rows = (await db.execute(sql`
    update mail_outbox o set status = 'cancelled', payload = null, claim_token = null, lease_until = null,
      last_error = 'the link is no longer active'
    from upload_links l
    where l.id = o.link_id and o.status = 'queued'
      and (l.used_at is not null or l.revoked_at is not null or l.expires_at <= now())
    returning o.id
  `)) as unknown as unknown[] | { rows: unknown[] };
  return Array.isArray(rows) ? rows.length : rows.rows.length;
}
