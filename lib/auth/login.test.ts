import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { databaseForFile } from "@/test/database-for-file";
import { makeOrgUser } from "@/test/fixtures";
import {
  bumpSessionVersion,
  changePassword,
  loadSessionRecord,
  setUserDisabled,
  setupFirstOwner,
} from "./accounts";
import { attemptLogin, LOGIN_LIMITS, verifyCurrentPassword } from "./login";

const handle = databaseForFile();

describe("sign-in", () => {
  it("stores argon2id hashes with at least OWASP's parameters", async () => {
    const u = await makeOrgUser(handle.db);
    const [row] = await handle.db
      .select({ hash: users.passwordHash })
      .from(users)
      .where(eq(users.id, u.userId));
    const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(row!.hash);
    expect(match).not.toBeNull();
    expect(Number(match![1])).toBeGreaterThanOrEqual(19456);
    expect(Number(match![2])).toBeGreaterThanOrEqual(2);
  });

  it("accepts the right password and refuses a wrong one", async () => {
    const u = await makeOrgUser(handle.db);
    const ok = await attemptLogin(handle.db, {
      email: u.email.toUpperCase(),
      password: u.password,
      ip: "10.0.0.1",
    });
    expect(ok.ok).toBe(true);
    expect(
      await attemptLogin(handle.db, { email: u.email, password: "nope-nope-nope", ip: "10.0.0.1" }),
    ).toEqual({ ok: false, reason: "invalid" });
  });

  it("throttles an account after repeated failures, even with the right password, and unknown accounts alike", async () => {
    const u = await makeOrgUser(handle.db);
    const unknown = `ghost-${Date.now()}@example.test`;
    const results: Record<string, string[]> = { known: [], unknown: [] };
    for (let i = 0; i < LOGIN_LIMITS.perAccount + 1; i++) {
      for (const [label, email] of [
        ["known", u.email],
        ["unknown", unknown],
      ] as const) {
        const r = await attemptLogin(handle.db, { email, password: "wrong-password!", ip: `10.1.${i}.1` });
        results[label]!.push(r.ok ? "ok" : r.reason);
      }
    }
    expect(results.known).toEqual(results.unknown);
    expect(results.known!.at(-1)).toBe("throttled");
    const right = await attemptLogin(handle.db, { email: u.email, password: u.password, ip: "10.9.9.9" });
    expect(right).toEqual({ ok: false, reason: "throttled" });
  });

  it("counts parallel wrong passwords before checking them: at most the limit reach the password check", async () => {
    const u = await makeOrgUser(handle.db);
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        attemptLogin(handle.db, { email: u.email, password: `wrong-${i}-password`, ip: `10.5.${i}.1` }),
      ),
    );
    // "invalid" means the password was checked; "throttled" that it never was.
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    expect(checked).toBeLessThanOrEqual(LOGIN_LIMITS.perAccount);
    expect(checked + results.filter((r) => !r.ok && r.reason === "throttled").length).toBe(60);
  });

  it("a right password resets the account's count", async () => {
    const u = await makeOrgUser(handle.db);
    for (let i = 0; i < LOGIN_LIMITS.perAccount - 1; i++)
      await attemptLogin(handle.db, { email: u.email, password: "wrong-password!", ip: "10.6.0.1" });
    expect((await attemptLogin(handle.db, { email: u.email, password: u.password, ip: "10.6.0.1" })).ok).toBe(
      true,
    );
    for (let i = 0; i < LOGIN_LIMITS.perAccount - 1; i++)
      await attemptLogin(handle.db, { email: u.email, password: "wrong-password!", ip: "10.6.0.1" });
    expect((await attemptLogin(handle.db, { email: u.email, password: u.password, ip: "10.6.0.1" })).ok).toBe(
      true,
    );
  });

  it("throttles the account page's current-password check", async () => {
    const u = await makeOrgUser(handle.db);
    await expect(verifyCurrentPassword(handle.db, u.userId, u.password)).resolves.toBeUndefined();
    const codes: string[] = [];
    for (let i = 0; i < LOGIN_LIMITS.perAccount + 2; i++)
      codes.push(
        await verifyCurrentPassword(handle.db, u.userId, "wrong-password!").then(
          () => "ok",
          (e: { code: string }) => e.code,
        ),
      );
    expect(codes.slice(0, LOGIN_LIMITS.perAccount)).toEqual(
      Array(LOGIN_LIMITS.perAccount).fill("WRONG_PASSWORD"),
    );
    expect(codes.slice(LOGIN_LIMITS.perAccount)).toEqual(["TOO_MANY_ATTEMPTS", "TOO_MANY_ATTEMPTS"]);
    // Even the right password waits out the window now.
    await expect(verifyCurrentPassword(handle.db, u.userId, u.password)).rejects.toMatchObject({
      code: "TOO_MANY_ATTEMPTS",
      status: 429,
    });
  });

  it("throttles one address that tries many accounts", async () => {
    const ip = `10.2.${Math.floor(Math.random() * 250)}.7`;
    let last;
    for (let i = 0; i < LOGIN_LIMITS.perIp + 1; i++) {
      last = await attemptLogin(handle.db, {
        email: `spray-${i}@example.test`,
        password: "x-password-x",
        ip,
      });
    }
    expect(last).toEqual({ ok: false, reason: "throttled" });
    const u = await makeOrgUser(handle.db);
    expect((await attemptLogin(handle.db, { email: u.email, password: u.password, ip: "10.3.0.1" })).ok).toBe(
      true,
    );
  });

  it("ends old sessions on sign-out, password change and disabling", async () => {
    const u = await makeOrgUser(handle.db);
    expect(await loadSessionRecord(handle.db, u.userId, u.organizationId, 0)).toMatchObject({
      role: "owner",
    });
    await bumpSessionVersion(handle.db, u.userId);
    expect(await loadSessionRecord(handle.db, u.userId, u.organizationId, 0)).toBeNull();
    expect(await loadSessionRecord(handle.db, u.userId, u.organizationId, 1)).not.toBeNull();
    await changePassword(handle.db, u.userId, "a-brand-new-password");
    expect(await loadSessionRecord(handle.db, u.userId, u.organizationId, 1)).toBeNull();
    await setUserDisabled(handle.db, u.userId, true);
    expect(await loadSessionRecord(handle.db, u.userId, u.organizationId, 3)).toBeNull();
    expect(
      (await attemptLogin(handle.db, { email: u.email, password: "a-brand-new-password", ip: "10.4.0.1" }))
        .ok,
    ).toBe(false);
  });

  it("a session is bound to its organization", async () => {
    const a = await makeOrgUser(handle.db);
    const b = await makeOrgUser(handle.db);
    expect(await loadSessionRecord(handle.db, a.userId, b.organizationId, 0)).toBeNull();
  });

  it("first-run setup works only once", async () => {
    // The test database already has users, so setup must refuse.
    await makeOrgUser(handle.db);
    await expect(
      setupFirstOwner(handle.db, {
        email: "late@example.test",
        password: "late-password-1",
        organizationName: "Late",
      }),
    ).rejects.toMatchObject({ code: "ALREADY_SET_UP" });
  });
});
