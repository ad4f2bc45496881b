import "server-only";
import { getDb } from "@/db/client";
import { logError } from "@/lib/log";
import { mailAvailability } from "./config";
import { cancelMailsForInactiveLinks } from "./outbox";
import { MailWorker } from "./worker";

const g = globalThis as unknown as { __mailWorker?: MailWorker | null; __mailSweep?: NodeJS.Timeout };

/**
 * Starts this process's outbox worker (from instrumentation.ts). Without SMTP settings nothing is
 * sent, but queued mails of links that died still lose their sealed URL once a minute.
 */
export function startMailWorker(): void {
  if (g.__mailWorker !== undefined) return;
  const availability = mailAvailability();
  if (availability.configured) {
    g.__mailWorker = new MailWorker(getDb, availability.settings).start();
    return;
  }
  g.__mailWorker = null;
  g.__mailSweep = setInterval(() => {
    getDb()
      .then((db) => cancelMailsForInactiveLinks(db))
      .catch((error) => logError("mail sweep", error));
  }, 60_000);
  g.__mailSweep.unref();
}

/** Mails were just committed to the outbox: let the worker send them now rather than at its next poll. */
export function nudgeMailWorker(): void {
  g.__mailWorker?.nudge();
}
