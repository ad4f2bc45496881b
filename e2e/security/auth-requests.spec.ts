import { expect, test } from "@playwright/test";
import { SEC } from "./env";
import { signIn } from "./http";
import { rssMb, send, serverPid } from "./net";

/**
 * Auth.js's endpoints (/api/auth/*) and `auth()` against hostile requests over HTTP:
 * - a callback URL that is not an http(s) URL, in the `callbackUrl` parameter or the
 *   `authjs.callback-url` cookie (which a sibling subdomain can set), was taken for a configuration
 *   error: 500 from /api/auth/session and /api/auth/csrf, and a signed-in admin sent back to sign in
 *   on every page (scripts/patch-authjs.mjs drops such a value);
 * - Auth.js's own error page answered 500 (`?error=Configuration`): errors now go to /login;
 * - a POST body was read whole, whatever its size (app/api/auth/[...nextauth]/route.ts limits it).
 * Bounded by count; each failure names the request.
 */
const url = (path: string) => `${SEC.baseUrl}${path}`;
/** Fails naming the requests when they are not all answered in time (a server waiting for a body). */
async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s: ${what}`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
const BAD_CALLBACKS = ["garbage", "%ZZ", "javascript:alert(1)", "http://[::1", "data:text/html,x"];

test("a callback URL that is not a URL never answers 500 nor signs anyone out", async () => {
  const session = await signIn(SEC.users.adminA);
  let sent = 0;
  for (const value of BAD_CALLBACKS) {
    const poisoned = `${session}; authjs.callback-url=${encodeURIComponent(value)}`;
    const checks: [string, string, Record<string, string>][] = [
      ["page, signed in", "/identities", { cookie: poisoned }],
      ["session", "/api/auth/session", { cookie: poisoned }],
      ["csrf", "/api/auth/csrf", { cookie: poisoned }],
      ["sign-in page", `/api/auth/signin?callbackUrl=${encodeURIComponent(value)}`, {}],
      ["sign-out page", `/api/auth/signout?callbackUrl=${encodeURIComponent(value)}`, { cookie: session }],
    ];
    for (const [what, path, headers] of checks) {
      const r = await send(url(path), { headers });
      sent++;
      const shown = `${what}: GET ${path} with ${value} → ${r.status} ${String(r.headers.location ?? "")} ${r.text.slice(0, 120)}`;
      expect(r.status, shown).toBeLessThan(400);
      if (what === "page, signed in") expect(r.status, shown).toBe(200);
      if (what === "session") expect(JSON.parse(r.text)?.claims?.uid, shown).toBeTruthy();
    }
  }
  const error = await send(url("/api/auth/error?error=Configuration"));
  expect(error.status, error.text.slice(0, 200)).toBe(302);
  expect(error.headers.location).toBe("/login?error=Configuration");
  console.log(`callback URLs: ${sent + 1} requests, none 4xx/5xx`);
});

test("a sign-in with a callback URL that is not a URL signs in and stays on this site", async () => {
  for (const value of BAD_CALLBACKS) {
    const csrf = await fetch(url("/api/auth/csrf"));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(";")[0]!)
      .join("; ");
    const response = await fetch(url("/api/auth/callback/credentials"), {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: SEC.baseUrl },
      body: new URLSearchParams({
        csrfToken,
        email: SEC.users.adminA,
        password: SEC.password,
        callbackUrl: value,
      }),
    });
    const shown = `callbackUrl=${value} → ${response.status} ${response.headers.get("location")}`;
    expect(response.status, shown).toBe(302);
    expect(response.headers.get("location"), shown).toBe(SEC.baseUrl);
    expect(response.headers.getSetCookie().join(";"), shown).toContain("session-token");
  }
});

test("Auth.js POST bodies over 64 KB are refused with 413 before they fill the server's memory", async () => {
  const pid = serverPid(SEC.port);
  const before = rssMb(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
  const chunk = Buffer.alloc(1024 * 1024, 0x61);
  const started = Date.now();
  const answers = await within(
    30_000,
    "nine oversized Auth.js bodies",
    Promise.all([
      // Eight anonymous 20 MB bodies without a length (chunked), and one that declares 1 GB.
      ...Array.from({ length: 8 }, () =>
        send(url("/api/auth/callback/credentials"), {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          chunks: Array.from({ length: 20 }, () => chunk),
        }),
      ),
      send(url("/api/auth/signout"), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(2 ** 30) },
      }),
    ]),
  );
  clearInterval(sampler);
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `auth bodies: 9 refused in ${seconds.toFixed(1)} s; server memory ${before.toFixed(0)} → peak ${peak.toFixed(0)} MB`,
  );
  for (const r of answers) {
    expect(r.status, r.text.slice(0, 200)).toBe(413);
    expect(JSON.parse(r.text).code).toBe("PAYLOAD_TOO_LARGE");
  }
  expect(peak - before, "memory held by refused bodies (MB)").toBeLessThan(64);
  // An ordinary sign-in still works through the limited handler.
  expect(await signIn(SEC.users.reviewerA)).toContain("session-token");
});
