// No "server-only" here: instrumentation.ts starts this, outside the React server layer.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { idempotencyKeys, mailOutbox, rateLimits } from "@/db/schema";
import { IDEMPOTENCY_TTL_HOURS } from "@/lib/api/limits";
import { logError } from "@/lib/log";

/**
 * Rate-limit windows are at most an hour long; a row whose window ended counts as no row at all
 * (hitRateLimit starts a new window), so rows older than this can go.
 */
const RATE_LIMIT_RETENTION = "2 hours";
const MAINTENANCE_LOCK = 727276;
/**
 * A campaign mail that reached its end (sent, bounced, failed, cancelled) has no use left: its URL
 * was blanked then, and the campaign page reads the outcome from campaign_members (copied by
 * trigger). The row only keeps the recipient's address; it goes after this long.
 */
const FINISHED_MAIL_RETENTION = "30 days";

export interface MaintenanceResult {
  ran: boolean;
  rateLimits: number;
  idempotencyKeys: number;
  finishedMails: number;
}

/**
 * Periodic housekeeping, safe to run from every instance at once (one of them does the work; the
 * others find the advisory lock taken and skip):
 * - expired rate-limit counters and idempotency keys past their replay window are deleted;
 * - campaign mails finished more than FINISHED_MAIL_RETENTION ago are deleted;
 * - the unlogged held_image_keys table is rewritten (VACUUM FULL: a new file, the old one removed),
 *   so the dead tuples of keys destroyed at decisions leave the disk too, not only the table.
 */
export async function runMaintenance(db: Db): Promise<MaintenanceResult> {
  const deleted = await db.transaction(async (tx) => {
    const [lock] = await tx
      .select({ locked: sql<boolean>`pg_try_advisory_xact_lock(${MAINTENANCE_LOCK})` })
      .from(sql`(select 1) as one`);
    if (!lock?.locked) return null;
    const limits = await tx
      .delete(rateLimits)
      .where(sql`${rateLimits.windowStart} < now() - ${RATE_LIMIT_RETENTION}::interval`)
      .returning({ key: rateLimits.key });
    const keys = await tx
      .delete(idempotencyKeys)
      .where(sql`${idempotencyKeys.createdAt} < now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`)
      .returning({ key: idempotencyKeys.key });
    const mails = await tx
      .delete(mailOutbox)
      .where(
        sql`${mailOutbox.status} in ('sent', 'bounced', 'failed', 'cancelled')
          and ${mailOutbox.createdAt} < now() - ${FINISHED_MAIL_RETENTION}::interval`,
      )
      .returning({ id: mailOutbox.id });
    return { rateLimits: limits.length, idempotencyKeys: keys.length, finishedMails: mails.length };
  });
  if (!deleted) return { ran: false, rateLimits: 0, idempotencyKeys: 0, finishedMails: 0 };
  await db.execute(sql`vacuum full held_image_keys`);
  return { ran: true, ...deleted };
}

const TIMER = Symbol.for("identity-manager.maintenance-timer");

/**
 * Runs maintenance every `intervalSeconds` in this process (started from instrumentation.ts, so
 * every `next start` instance takes part). The timer does not keep the process alive.
 */
export function startMaintenance(getDb: () => Promise<Db>, intervalSeconds: number): void {
  const g = globalThis as { [TIMER]?: NodeJS.Timeout };
  if (g[TIMER] || intervalSeconds <= 0) return;
  const tick = async () => {
    try {
      await runMaintenance(await getDb());
    } catch (error) {
      logError("maintenance failed", error);
    }
  };
  g[TIMER] = setInterval(() => void tick(), intervalSeconds * 1000);
  g[TIMER].unref();
}
