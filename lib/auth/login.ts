import "server-only";
import type { DbOrTx } from "@/db/client";
import { recordAudit } from "@/lib/audit/record";
import { hitRateLimit, resetRateLimit } from "@/lib/rate-limit";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { isStorableText } from "@/lib/validation/text";
import { findLoginRecord, normalizeEmail, type LoginRecord } from "./accounts";
import { verifyPassword } from "./password";

export const LOGIN_LIMITS = {
  /** Failed attempts per account (known or not) per window. */
  perAccount: 8,
  /** Attempts per client address per window (LOGIN_MAX_PER_IP; raise it behind a shared NAT). */
  get perIp() {
    return env().LOGIN_MAX_PER_IP;
  },
  windowSeconds: 15 * 60,
};

export type LoginResult =
  | { ok: true; user: LoginRecord & { organizationId: string } }
  | { ok: false; reason: "invalid" | "throttled" };

/**
 * Checks a password with throttling per account and per address. Unknown accounts are throttled
 * and answered exactly like known ones, so the response never tells whether an email is registered.
 *
 * The attempt is counted (one atomic upsert) BEFORE the password is checked, and only an attempt
 * within the limit gets checked: counting after a failure let parallel requests all pass the check
 * before any of them was counted (60 at once: ~20 password checks). A success resets the count.
 */
export async function attemptLogin(
  db: DbOrTx,
  input: { email: string; password: string; ip: string },
): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  // No account can have an email PostgreSQL cannot store: answer like any unknown account, after
  // counting the address (the account key itself could not be stored either).
  const storable = isStorableText(email);
  const accountKey = `login:account:${email}`;
  const ipHit = await hitRateLimit(
    db,
    `login:ip:${input.ip}`,
    LOGIN_LIMITS.perIp,
    LOGIN_LIMITS.windowSeconds,
  );
  if (!storable) return { ok: false, reason: ipHit.allowed ? "invalid" : "throttled" };
  const accountHit = ipHit.allowed
    ? await hitRateLimit(db, accountKey, LOGIN_LIMITS.perAccount, LOGIN_LIMITS.windowSeconds)
    : null;
  const user = await findLoginRecord(db, email);
  if (!accountHit?.allowed) {
    if (user?.organizationId) {
      await recordAudit(db, {
        organizationId: user.organizationId,
        actor: { type: "public", label: "sign-in" },
        action: "auth.throttled",
        targetType: "user",
        targetId: user.id,
      });
    }
    return { ok: false, reason: "throttled" };
  }
  const valid = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !valid || user.disabled || !user.organizationId) return { ok: false, reason: "invalid" };
  await resetRateLimit(db, accountKey);
  return { ok: true, user: { ...user, organizationId: user.organizationId } };
}

/**
 * The account page's "current password" check, throttled like sign-in (a stolen session must not
 * become a way to guess the password): the attempt is counted before the check, 8 per 15 minutes per
 * user, and a right password resets the count.
 */
export async function verifyCurrentPassword(db: DbOrTx, userId: string, password: string): Promise<void> {
  const key = `password:user:${userId}`;
  const hit = await hitRateLimit(db, key, LOGIN_LIMITS.perAccount, LOGIN_LIMITS.windowSeconds);
  if (!hit.allowed) {
    throw new AppError(
      "TOO_MANY_ATTEMPTS",
      "Too many wrong passwords. Wait 15 minutes and try again.",
      429,
      { currentPassword: ["Too many wrong passwords. Wait 15 minutes and try again."] },
      { retryAfterSeconds: hit.retryAfterSeconds },
    );
  }
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!(await verifyPassword(row?.hash ?? null, password))) {
    throw new AppError("WRONG_PASSWORD", "Your current password is not right.", 422, {
      currentPassword: ["Your current password is not right."],
    });
  }
  await resetRateLimit(db, key);
}
