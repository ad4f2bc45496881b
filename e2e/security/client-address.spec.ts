import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { SEC } from "./env";
import { waitForHealth } from "../server-health";
import { newClientAddress, send } from "./net";

/**
 * Issue 11, item 4: which address do rate limits count? By default the socket's peer — rotating
 * X-Forwarded-For (or our own socket-address header) changes nothing. Behind N proxies
 * (TRUSTED_PROXY_HOPS=N) the N-th X-Forwarded-For entry from the right, so entries the client
 * prepends are ignored. Both against `next start`: the suite's server (defaults) and a second one
 * started here with TRUSTED_PROXY_HOPS=1 on the same database.
 */

const garbageUpload = (baseUrl: string, from: string, headers: Record<string, string>) => {
  const form = new FormData();
  form.append("image", new Blob([new Uint8Array(16)]), "x.jpg");
  return send(`${baseUrl}/api/public/uploads/upl_${randomBytes(32).toString("base64url")}`, {
    method: "POST",
    body: form,
    from,
    headers,
  });
};
const spoof = () => `203.0.113.${Math.floor(Math.random() * 250)}`;

test("default: a client cannot pick its address with X-Forwarded-For or our own header", async () => {
  const client = newClientAddress();
  const statuses: number[] = [];
  for (let i = 0; i < 35; i++) {
    const r = await garbageUpload(SEC.baseUrl, client, {
      "x-forwarded-for": `${spoof()}, ${spoof()}`,
      "x-real-ip": spoof(),
      "x-im-socket-address": spoof(),
    });
    statuses.push(r.status);
  }
  // 30 attempts per address and minute, whatever the headers say.
  expect(statuses.slice(0, 30)).toEqual(Array(30).fill(410));
  expect(statuses.slice(30)).toEqual(Array(5).fill(429));
  // And the limit is this client's, not everyone's.
  expect((await garbageUpload(SEC.baseUrl, newClientAddress(), {})).status).toBe(410);
});

test.describe("behind one trusted proxy (TRUSTED_PROXY_HOPS=1)", () => {
  const port = SEC.port + 1;
  const baseUrl = `http://localhost:${port}`;
  let server: ChildProcess | undefined;
  let dataDir = "";

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    dataDir = mkdtempSync(join(tmpdir(), "im-proxy-"));
    server = spawn("npx", ["next", "start", "-p", String(port)], {
      detached: true,
      stdio: "ignore",
      env: {
        ...process.env,
        DATABASE_URL: SEC.databaseUrl,
        DATA_DIR: dataDir,
        APP_URL: baseUrl,
        AUTH_SECRET: "security-only-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        TRUSTED_PROXY_HOPS: "1",
        LOGIN_MAX_PER_IP: "10",
        FACE_WORKERS: "1",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    });
    await waitForHealth(baseUrl, "the second server did not start");
  });
  test.afterAll(() => {
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  });

  const signIn = async (forwardedFor: string) => {
    const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const email = `nobody-${randomBytes(4).toString("hex")}@e2e.test`; // a new account each time
    const r = await send(`${baseUrl}/api/auth/callback/credentials`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie,
        origin: baseUrl,
        "x-forwarded-for": forwardedFor,
      },
      body: Buffer.from(
        new URLSearchParams({
          csrfToken,
          email,
          password: "wrong-password",
          callbackUrl: baseUrl,
        }).toString(),
      ),
    });
    return /code=throttled/.test(String(r.headers.location)) ? "throttled" : "invalid";
  };

  test("sign-ins count the address the proxy saw, not what the client wrote before it", async () => {
    const proxied = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const results: string[] = [];
    for (let i = 0; i < 12; i++) results.push(await signIn(`${spoof()}, ${proxied}`));
    expect(results.slice(0, 10)).toEqual(Array(10).fill("invalid"));
    expect(results.slice(10)).toEqual(["throttled", "throttled"]);
    // Another client behind the same proxy is not locked out.
    expect(await signIn(`${spoof()}, 198.51.100.251`)).toBe("invalid");
  });

  test("uploads too", async () => {
    const proxied = `192.0.2.${Math.floor(Math.random() * 250)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push(
        (await garbageUpload(baseUrl, "127.0.0.1", { "x-forwarded-for": `${spoof()}, ${proxied}` })).status,
      );
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 410)).toHaveLength(30);
  });
});
