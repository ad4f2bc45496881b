import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { frontalJpeg } from "@/test/photos";
import { SEC } from "./env";
import { credentialsFor, seed, sql } from "./http";
import { arrangeLink, openWithPhoto, portraitsOf } from "./links";
import { newClientAddress, rssMb, send, serverPid, type RawResponse } from "./net";

/**
 * Issue 11 against the production server (`next start` on PostgreSQL): races, bursts and hostile
 * input, each over HTTP. Clients are told apart by their socket address (net.ts), as the server
 * does by default.
 */

const UPLOADS = `${SEC.baseUrl}/api/public/uploads`;

const identityWithLink = (conditions?: Parameters<typeof arrangeLink>[2]) =>
  arrangeLink("HRD", "Hardening", conditions);

async function photoForm(bytes?: Buffer) {
  const form = new FormData();
  form.append(
    "image",
    new Blob([new Uint8Array(bytes ?? (await frontalJpeg()))], { type: "image/jpeg" }),
    "me.jpg",
  );
  return form;
}
const upload = async (token: string, options: { uploadId?: string; from?: string; bytes?: Buffer } = {}) =>
  send(`${UPLOADS}/${token}`, {
    method: "POST",
    body: await photoForm(options.bytes),
    from: options.from ?? newClientAddress(),
    headers: options.uploadId ? { "upload-id": options.uploadId } : {},
  });
const codeOf = (r: RawResponse) => {
  try {
    return (JSON.parse(r.text) as { code?: string }).code ?? "";
  } catch {
    return "";
  }
};
const tally = (responses: RawResponse[]) =>
  responses.reduce<Record<string, number>>((acc, r) => {
    const key = `${r.status} ${codeOf(r)}`.trim();
    acc[key] = (acc[key] ?? 0) + 1;
    return acc;
  }, {});

test.describe("item 1: a busy pipeline answers 503 BUSY with Retry-After, never 500", () => {
  test("twenty uploads racing on one link: one 200, the others 410 LINK_ALREADY_USED or 503 BUSY", async () => {
    const { identityId, token } = await identityWithLink();
    const bytes = await frontalJpeg();
    const responses = await Promise.all(Array.from({ length: 20 }, () => upload(token, { bytes })));
    console.log(`race on one link: ${JSON.stringify(tally(responses))}`);
    for (const r of responses) {
      expect(r.status, r.text).not.toBe(500);
      if (r.status === 503) {
        expect(codeOf(r)).toBe("BUSY");
        expect(Number(r.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      } else if (r.status !== 200) expect(codeOf(r), r.text).toBe("LINK_ALREADY_USED");
    }
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    expect(await portraitsOf(identityId)).toBe(1);
  });

  test("a burst beyond capacity is shed at once with 503 BUSY + Retry-After, on the public endpoint and the API", async () => {
    // 12 MP phone photos on separate links: far more than two workers can take within a few seconds.
    const big = await sharp(await frontalJpeg())
      .resize(3024, 4032, { fit: "fill" })
      .jpeg({ quality: 85 })
      .toBuffer();
    const links = await Promise.all(Array.from({ length: 36 }, () => identityWithLink()));
    const started = Date.now();
    const timed = async (p: Promise<RawResponse>) => {
      const r = await p;
      return { ...r, ms: Date.now() - started };
    };
    const apiKey = seed().apiKeyA;
    const api = links.slice(0, 12).map(async (l) =>
      timed(
        send(`${SEC.baseUrl}/api/v1/identities/${l.identityId}/portrait`, {
          method: "PUT",
          body: await photoForm(big),
          headers: { authorization: `Bearer ${apiKey}` },
        }),
      ),
    );
    const pub = links.slice(12).map((l) => timed(upload(l.token, { bytes: big })));
    const responses = await Promise.all([...api, ...pub]);
    console.log(`burst of 36 12 MP uploads: ${JSON.stringify(tally(responses))}`);
    expect(responses.filter((r) => r.status >= 500 && r.status !== 503)).toEqual([]);
    const shed = responses.filter((r) => r.status === 503);
    expect(shed.length).toBeGreaterThan(0);
    for (const r of shed) {
      expect(codeOf(r)).toBe("BUSY");
      expect(Number(r.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    }
    // API answers are problem+json.
    for (const r of (await Promise.all(api)).filter((x) => x.status === 503))
      expect(r.headers["content-type"]).toContain("application/problem+json");
    expect(responses.filter((r) => r.status === 200).length).toBeGreaterThan(0);
  });
});

test.describe("item 2: malformed input answers 4xx, never 500", () => {
  const nul = "a\u0000b";
  const apiHeaders = () => ({ authorization: `Bearer ${seed().apiKeyA}` });
  const cases: [string, () => Promise<Response>][] = [
    [
      "NUL in q",
      async () =>
        fetch(`${SEC.baseUrl}/api/v1/identities?q=${encodeURIComponent(nul)}`, { headers: apiHeaders() }),
    ],
    [
      "NUL in ext:{externalId}",
      async () =>
        fetch(`${SEC.baseUrl}/api/v1/identities/ext:${encodeURIComponent(nul)}`, { headers: apiHeaders() }),
    ],
    [
      "NUL in displayName on create",
      async () =>
        fetch(`${SEC.baseUrl}/api/v1/identities`, {
          method: "POST",
          headers: { ...apiHeaders(), "content-type": "application/json" },
          body: JSON.stringify({ externalId: `NUL-${Date.now()}`, displayName: nul }),
        }),
    ],
    [
      "a lone surrogate in displayName on PATCH",
      async () => {
        const { identityId } = await identityWithLink();
        return fetch(`${SEC.baseUrl}/api/v1/identities/${identityId}`, {
          method: "PATCH",
          headers: { ...apiHeaders(), "content-type": "application/json" },
          body: '{"displayName":"x\\ud800y"}',
        });
      },
    ],
    [
      "NUL in a batch external id",
      async () =>
        fetch(`${SEC.baseUrl}/api/v1/upload-links`, {
          method: "POST",
          headers: { ...apiHeaders(), "content-type": "application/json" },
          body: JSON.stringify({ identities: [{ externalId: nul }] }),
        }),
    ],
    [
      "an approvals cursor whose timestamp JavaScript takes and PostgreSQL does not",
      async () =>
        fetch(
          `${SEC.baseUrl}/api/v1/approvals?cursor=${Buffer.from(JSON.stringify(["1", "0".repeat(36)])).toString("base64url")}`,
          { headers: apiHeaders() },
        ),
    ],
    [
      "an audit page cursor beyond bigint",
      async () =>
        fetch(`${SEC.baseUrl}/audit?before=99999999999999999999999`, {
          headers: (await credentialsFor("admin", "own")).headers,
        }),
    ],
  ];
  for (const [name, request] of cases) {
    test(name, async () => {
      const response = await request();
      const body = await response.text();
      expect(response.status, body.slice(0, 300)).toBeLessThan(500);
      expect(response.status === 200 || response.status >= 400, String(response.status)).toBe(true);
    });
  }
});

test("item 3: sixty wrong passwords at once reach the password check at most 8 times", async () => {
  const email = `burst-${randomBytes(4).toString("hex")}@e2e.test`;
  const [user] = await sql<{ id: string }[]>`insert into users (email, password_hash)
    select ${email}, password_hash from users where email = ${SEC.users.reviewerA} returning id`;
  await sql`insert into memberships (organization_id, user_id, role) values (${seed().orgA}, ${user!.id}, 'reviewer')`;
  const csrf = await fetch(`${SEC.baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const attempt = (password: string) =>
    send(`${SEC.baseUrl}/api/auth/callback/credentials`, {
      method: "POST",
      from: newClientAddress(),
      headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: SEC.baseUrl },
      body: Buffer.from(
        new URLSearchParams({ csrfToken, email, password, callbackUrl: SEC.baseUrl }).toString(),
      ),
    });
  const responses = await Promise.all(Array.from({ length: 60 }, (_, i) => attempt(`wrong-password-${i}`)));
  const locations = responses.map((r) => String(r.headers.location ?? ""));
  expect(
    locations.every((l) => /error=CredentialsSignin/.test(l)),
    locations.join("\n"),
  ).toBe(true);
  // "throttled" answers never reached the password check; every other one did.
  const checked = locations.filter((l) => !/code=throttled/.test(l)).length;
  console.log(`60 parallel wrong passwords: ${checked} reached the password check (limit 8)`);
  expect(checked).toBeLessThanOrEqual(8);
  expect(String((await attempt(SEC.password)).headers.location)).toMatch(/code=throttled/);
});

test("item 5: forty anonymous 15 MB uploads to made-up tokens are refused before their bodies are read", async () => {
  const pid = serverPid(SEC.port);
  const body = Buffer.alloc(15 * 1024 * 1024, 0x5a);
  const form = new FormData();
  form.append("image", new Blob([new Uint8Array(body)], { type: "image/jpeg" }), "big.jpg");
  const baseline = rssMb(pid);
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
  const started = Date.now();
  const tokens = Array.from({ length: 40 }, (_, i) =>
    i % 4 === 0 ? `not-a-token-${i}` : `upl_${randomBytes(32).toString("base64url")}`,
  );
  const responses = await Promise.all(
    tokens.map((token) =>
      send(`${UPLOADS}/${token}`, { method: "POST", body: form, from: newClientAddress() }),
    ),
  );
  clearInterval(sampler);
  peak = Math.max(peak, rssMb(pid));
  console.log(
    `garbage-token flood: 40 × 15 MB in ${Date.now() - started} ms, server RSS ${baseline.toFixed(0)} → peak ${peak.toFixed(0)} MB (+${(peak - baseline).toFixed(0)} MB)`,
  );
  expect(responses.map((r) => `${r.status} ${codeOf(r)}`)).toEqual(Array(40).fill("410 LINK_INVALID"));
  expect(peak - baseline).toBeLessThan(100);
});

test.describe("item 9: a lost answer does not burn the link (SECURITY B28)", () => {
  test("a retry with the same upload id gets the first outcome; another id gets LINK_ALREADY_USED", async () => {
    const { identityId, token } = await identityWithLink({
      storeImage: false,
      qualityCheck: true,
      requireApproval: true,
    });
    const uploadId = randomBytes(16).toString("hex");
    const first = await upload(token, { uploadId });
    expect(first.status, first.text).toBe(200);
    expect(JSON.parse(first.text)).toEqual({ status: "pending_approval" });
    const retry = await upload(token, { uploadId });
    expect(retry.status).toBe(200);
    expect(JSON.parse(retry.text)).toMatchObject({ status: "pending_approval", replayed: true });
    const other = await upload(token, { uploadId: randomBytes(16).toString("hex") });
    expect([other.status, codeOf(other)]).toEqual([410, "LINK_ALREADY_USED"]);
    const none = await upload(token);
    expect([none.status, codeOf(none)]).toEqual([410, "LINK_INVALID"]);
    const requests = await sql<
      { n: number }[]
    >`select count(*)::int as n from approval_requests where identity_id = ${identityId}`;
    expect(requests[0]!.n).toBe(1);
  });

  test("the same upload sent twice at once registers once and both get the outcome", async () => {
    const { identityId, token } = await identityWithLink();
    const uploadId = randomBytes(16).toString("hex");
    const bytes = await frontalJpeg();
    const [a, b] = await Promise.all([
      upload(token, { uploadId, bytes }),
      upload(token, { uploadId, bytes }),
    ]);
    expect([a.status, b.status], `${a.text} ${b.text}`).toEqual([200, 200]);
    expect(await portraitsOf(identityId)).toBe(1);
  });

  test("a malformed upload id is refused with 400", async () => {
    const { token } = await identityWithLink();
    const r = await upload(token, { uploadId: "short" });
    expect([r.status, codeOf(r)]).toEqual([400, "INVALID_UPLOAD_ID"]);
  });
});

test("item 7: the running server purges expired rate limits and idempotency keys by itself", async () => {
  const key = `stale:${randomBytes(4).toString("hex")}`;
  await sql`insert into rate_limits (key, window_start, count) values (${key}, now() - interval '5 hours', 3)`;
  await expect
    .poll(async () => (await sql`select 1 from rate_limits where key = ${key}`).length, { timeout: 30_000 })
    .toBe(0);
});

test.describe("the upload page (Pixel 7): busy retries and a lost answer", () => {
  test("retries by itself while busy, then a lost answer is recognised by its upload id", async ({
    page,
  }) => {
    const { identityId, token } = await identityWithLink();
    await openWithPhoto(page, token);
    const ids: string[] = [];
    let calls = 0;
    await page.route("**/api/public/uploads/**", async (route) => {
      ids.push((await route.request().headerValue("upload-id")) ?? "");
      calls++;
      if (calls <= 2)
        return route.fulfill({
          status: 503,
          headers: { "retry-after": "1", "content-type": "application/json" },
          body: JSON.stringify({ code: "BUSY", message: "busy" }),
        });
      if (calls === 3) {
        // The upload reaches the server and succeeds, but the answer never reaches the phone.
        const response = await route.fetch();
        expect(response.status()).toBe(200);
        return route.abort("connectionreset");
      }
      return route.continue();
    });
    await page.getByRole("button", { name: "Upload" }).click();
    await expect(page.getByText(/busy right now — retrying by itself/)).toBeVisible();
    await expect(page.getByText("The connection was lost")).toBeVisible({ timeout: 30_000 });
    await page.getByRole("button", { name: "Try again" }).click();
    await expect(page.getByTestId("upload-done")).toContainText("Your photo has been registered");
    expect(calls).toBe(4);
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(await portraitsOf(identityId)).toBe(1);
  });

  test.describe("in Japanese", () => {
    test.use({ locale: "ja-JP", extraHTTPHeaders: { "accept-language": "ja" } });
    test("says it is busy and retrying, in Japanese", async ({ page }) => {
      const { token } = await identityWithLink();
      await openWithPhoto(page, token);
      let calls = 0;
      await page.route("**/api/public/uploads/**", (route) =>
        ++calls === 1
          ? route.fulfill({ status: 503, headers: { "retry-after": "1" }, body: '{"code":"BUSY"}' })
          : route.continue(),
      );
      await page.getByRole("button", { name: "アップロード" }).click();
      await expect(page.getByText(/自動で再試行します/)).toBeVisible();
      await expect(page.getByTestId("upload-done")).toBeVisible({ timeout: 30_000 });
    });
  });
});
