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

/**
 * Stops this process's worker before the server (and the embedded database under it) goes away:
 * mails on the wire are finished and recorded, the rest of its batch goes back to the queue. Waits
 * at most `timeoutMs`; a mail still unanswered then stays claimed until its lease ends, and its
 * handed-over state still prevents a second copy.
 */
export async function stopMailWorker(timeoutMs = 5_000): Promise<void> {
  if (g.__mailSweep) clearInterval(g.__mailSweep);
  g.__mailSweep = undefined;
  const worker = g.__mailWorker;
  g.__mailWorker = null;
  if (!worker) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
    timer.unref();
  });
  await Promise.race([worker.stop().catch((error) => logError("stopping the mail worker", error)), timeout]);
  clearTimeout(timer);
}
