import "server-only";
import type { DbOrTx } from "@/db/client";
import { recordAudit } from "@/lib/audit/record";
import { hitRateLimit, peekRateLimit, resetRateLimit } from "@/lib/rate-limit";
import { findLoginRecord, normalizeEmail, type LoginRecord } from "./accounts";
import { verifyPassword } from "./password";

export const LOGIN_LIMITS = {
  /** Failed attempts per account (known or not) per window. */
  perAccount: 8,
  /** Attempts per client address per window (LOGIN_MAX_PER_IP; raise it behind a shared NAT). */
  perIp: Number(process.env.LOGIN_MAX_PER_IP) || 40,
  windowSeconds: 15 * 60,
};

export type LoginResult =
  | { ok: true; user: LoginRecord & { organizationId: string } }
  | { ok: false; reason: "invalid" | "throttled" };

/**
 * Checks a password with throttling per account and per address. Unknown accounts are throttled
 * and answered exactly like known ones, so the response never tells whether an email is registered.
 */
export async function attemptLogin(
  db: DbOrTx,
  input: { email: string; password: string; ip: string },
): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  const accountKey = `login:account:${email}`;
  const ipHit = await hitRateLimit(
    db,
    `login:ip:${input.ip}`,
    LOGIN_LIMITS.perIp,
    LOGIN_LIMITS.windowSeconds,
  );
  const accountOpen = await peekRateLimit(
    db,
    accountKey,
    LOGIN_LIMITS.perAccount,
    LOGIN_LIMITS.windowSeconds,
  );
  const user = await findLoginRecord(db, email);
  if (!ipHit.allowed || !accountOpen) {
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
  if (!user || !valid || user.disabled || !user.organizationId) {
    await hitRateLimit(db, accountKey, LOGIN_LIMITS.perAccount, LOGIN_LIMITS.windowSeconds);
    return { ok: false, reason: "invalid" };
  }
  await resetRateLimit(db, accountKey);
  return { ok: true, user: { ...user, organizationId: user.organizationId } };
}
