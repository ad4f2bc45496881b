import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { logError } from "@/lib/log";
import { rejectionReasonText } from "@/lib/campaigns/reasons";
import type { MailSettings } from "./config";
import { composeMail } from "./compose";
import { renderMail } from "./messages";
import {
  cancelMailsForInactiveLinks,
  claimDueMails,
  handOver,
  markFinal,
  markRetry,
  markSent,
  settleStaleHandovers,
  type ClaimedMail,
  type MailPayload,
} from "./outbox";
import { unseal } from "./sealed";
import { SmtpSender } from "./smtp";

export interface MailWorkerOptions {
  /** Parallel SMTP connections. */
  concurrency?: number;
  /** How long a claim is held before another worker may take the row over. */
  leaseMs?: number;
  /** Idle polling interval (a `nudge` wakes the worker sooner). */
  pollMs?: number;
  /** A message-level temporary failure (4xx) is retried this many times, then the mail is "failed". */
  maxAttempts?: number;
  /** First retry delay after a temporary refusal; doubles with each attempt. */
  retryBaseMs?: number;
}

const DEFAULTS = { concurrency: 4, leaseMs: 60_000, pollMs: 2_000, maxAttempts: 12, retryBaseMs: 5_000 };
const SWEEP_EVERY_MS = 30_000;

/** Exponential back-off with ±20 % jitter: 5 s, 10 s, 20 s … at most 15 minutes. */
export function backoffMs(attempt: number, baseMs = 5_000, capMs = 15 * 60_000): number {
  const raw = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.8 + Math.random() * 0.4));
}

/**
 * The outbox worker: claims due mails (FOR UPDATE SKIP LOCKED, so any number of app instances can
 * run one), sends each over SMTP and records the outcome. It survives SMTP and database outages:
 * every failure is caught, logged without personal data, and retried with back-off.
 *
 * Guarantee (see README "Mail"): a mail is never sent twice. The row is committed "handed over"
 * under this worker's claim token before the final "." of DATA is sent; a row in that state is
 * never claimed again, and a worker whose claim was taken over cannot commit it and abandons the
 * SMTP transaction before the ".". Nothing is lost to an SMTP outage, a restart or a crash before
 * the hand-over: the row stays queued or its lease expires and it is sent again. Only a crash in
 * the instant between the hand-over commit and writing the "." could lose a mail (it is then
 * recorded as sent, unconfirmed) — a duplicate is never the price.
 */
export class MailWorker {
  private readonly options: typeof DEFAULTS;
  private readonly sender: SmtpSender;
  private running = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private lastSweep = 0;
  private connectionFailures = 0;

  constructor(
    private readonly getDb: () => Promise<Db>,
    private readonly settings: MailSettings,
    options: MailWorkerOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.sender = new SmtpSender(settings.smtpUrl, this.options.concurrency);
  }

  start(): this {
    if (this.running) return this;
    this.running = true;
    this.loop = this.run();
    return this;
  }

  /** Wake up now (mails were just queued). */
  nudge(): void {
    this.wake?.();
  }

  /** Claims nothing more, finishes the mails being sent, hands the rest of its batch back. */
  async stop(): Promise<void> {
    this.running = false;
    this.nudge();
    await this.loop;
    this.sender.close();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref?.();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).then(() => {
      this.wake = null;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let pauseMs = 0;
      try {
        const db = await this.getDb();
        if (Date.now() - this.lastSweep > SWEEP_EVERY_MS) {
          this.lastSweep = Date.now();
          await settleStaleHandovers(db);
          await cancelMailsForInactiveLinks(db);
        }
        const token = randomUUID();
        const batch = await claimDueMails(db, token, this.options.concurrency * 8, this.options.leaseMs);
        if (batch.length === 0) {
          await this.sleep(this.options.pollMs);
          continue;
        }
        pauseMs = await this.process(db, token, batch);
      } catch (error) {
        // The database is away (restart, network): wait and try again; claims expire by themselves.
        logError("mail worker", error);
        pauseMs = Math.min(30_000, 1_000 * 2 ** Math.min(this.connectionFailures++, 5));
      }
      if (pauseMs > 0 && this.running) await this.sleep(pauseMs);
    }
  }

  /** Sends a claimed batch, `concurrency` at a time; returns how long to pause (SMTP unreachable). */
  private async process(db: Db, token: string, batch: ClaimedMail[]): Promise<number> {
    let serverDown: string | null = null;
    let next = 0;
    const lane = async () => {
      while (next < batch.length) {
        const mail = batch[next++]!;
        if (!this.running) {
          // Stopping (the server shuts down): finish the mails on the wire, give the rest back now
          // rather than leaving them to wait for their lease to end.
          await markRetry(db, mail.id, token, 0, "handed back: the worker stopped", false);
          continue;
        }
        if (serverDown) {
          // The server is unreachable: give the rest back without spending their attempts.
          await markRetry(db, mail.id, token, this.pauseMs(), serverDown, false);
          continue;
        }
        const down = await this.sendOne(db, token, mail);
        if (down) serverDown = down;
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency }, lane));
    if (!serverDown) {
      this.connectionFailures = 0;
      return 0;
    }
    this.connectionFailures++;
    return this.pauseMs();
  }

  private retryMs(attempt: number): number {
    return backoffMs(attempt, this.options.retryBaseMs);
  }

  private pauseMs(): number {
    return backoffMs(Math.max(1, this.connectionFailures), 2_000, 60_000);
  }

  private compose(mail: ClaimedMail) {
    const payload = unseal<MailPayload>(mail.organizationId, mail.id, mail.payload);
    const rendered = renderMail(mail.kind, mail.locale, {
      organizationName: mail.organizationName,
      personName: mail.personName,
      url: payload.url,
      expiresAt: mail.expiresAt,
      timeZone: this.settings.timeZone,
      reason: payload.reason ? rejectionReasonText(payload.reason, mail.locale) : undefined,
      note: payload.note,
    });
    return composeMail({
      rowId: mail.id,
      mailFrom: this.settings.from,
      senderName: mail.organizationName,
      to: { name: mail.personName, address: mail.recipient },
      rendered,
    });
  }

  /** One mail; returns an error text when the SMTP server itself is unreachable. */
  private async sendOne(db: Db, token: string, mail: ClaimedMail): Promise<string | null> {
    try {
      if (!mail.linkActive || !mail.payload) {
        await markFinal(db, mail.id, token, "cancelled", "the link is no longer active");
        return null;
      }
      let composed;
      try {
        composed = await this.compose(mail);
      } catch (error) {
        // Not the server's fault and unlikely to pass by itself: back off, and give up in the end.
        logError("mail worker: composing a mail", error);
        if (mail.attempts >= this.options.maxAttempts)
          await markFinal(db, mail.id, token, "failed", "the message could not be composed");
        else
          await markRetry(
            db,
            mail.id,
            token,
            this.retryMs(mail.attempts),
            "the message could not be composed",
          );
        return null;
      }
      const outcome = await this.sender.deliver(composed.envelope, composed.raw, () =>
        handOver(db, mail.id, token, this.options.leaseMs),
      );
      switch (outcome.kind) {
        case "delivered":
          await markSent(db, mail.id, token);
          return null;
        case "unconfirmed":
          await markSent(db, mail.id, token, `unconfirmed: ${outcome.error}`);
          return null;
        case "fenced":
          return null;
        case "permanent":
          await markFinal(db, mail.id, token, "bounced", outcome.error);
          return null;
        case "transient":
          if (outcome.connection) {
            await markRetry(db, mail.id, token, this.pauseMs(), outcome.error, false);
            return outcome.error;
          }
          if (mail.attempts >= this.options.maxAttempts)
            await markFinal(db, mail.id, token, "failed", outcome.error);
          else await markRetry(db, mail.id, token, this.retryMs(mail.attempts), outcome.error);
          return null;
      }
    } catch (error) {
      // A database error while recording: the claim expires and the row is settled or retried
      // (a handed-over row is never sent again).
      logError("mail worker: one mail", error);
      return null;
    }
  }
}
