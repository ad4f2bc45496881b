import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { frontalJpeg } from "@/test/photos";
import { SEC } from "./env";
import { seed, sql } from "./http";

/** docs/SECURITY.md B 24, G 60, G 64 against the running production server. */

async function identityWithLink() {
  const externalId = `FLT-${randomBytes(5).toString("hex")}`;
  const [identity] = await sql<
    { id: string }[]
  >`insert into identities (organization_id, external_id, display_name) values (${seed().orgA}, ${externalId}, ${"Fault " + externalId}) returning id`;
  const token = `upl_${randomBytes(32).toString("base64url")}`;
  await sql`insert into upload_links (organization_id, identity_id, token_hash, store_image, quality_check, require_approval, expires_at)
            values (${seed().orgA}, ${identity!.id}, ${createHash("sha256").update(token).digest("hex")}, true, true, false, now() + interval '1 day')`;
  return { identityId: identity!.id, token };
}
const portraitsOf = async (identityId: string) =>
  Number(
    (
      await sql<{ n: number }[]>`select count(*)::int as n from portraits where identity_id = ${identityId}`
    )[0]!.n,
  );
const linkUsed = async (token: string) =>
  Boolean(
    (
      await sql<
        { used: boolean }[]
      >`select used_at is not null as used from upload_links where token_hash = ${createHash("sha256").update(token).digest("hex")}`
    )[0]!.used,
  );

async function upload(token: string) {
  const form = new FormData();
  form.append("image", new Blob([new Uint8Array(await frontalJpeg())], { type: "image/jpeg" }), "photo.jpg");
  return fetch(`${SEC.baseUrl}/api/public/uploads/${token}`, {
    method: "POST",
    body: form,
    headers: { "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 250)}` },
  });
}

test("link previews and mail scanners (GET, HEAD) never consume a link", async () => {
  const { identityId, token } = await identityWithLink();
  const agents = [
    "Mozilla/5.0 (compatible; Microsoft Office Safe Links)",
    "facebookexternalhit/1.1",
    "Line/13.0.0 LIFF",
    "Slackbot-LinkExpanding 1.0",
  ];
  for (const agent of agents) {
    for (const method of ["GET", "HEAD"]) {
      for (const path of [`/upload/${token}`, `/api/public/uploads/${token}`]) {
        const response = await fetch(`${SEC.baseUrl}${path}`, {
          method,
          headers: { "user-agent": agent },
          redirect: "manual",
        });
        expect(response.status, `${method} ${path}`).toBeLessThan(500);
      }
    }
  }
  expect(await linkUsed(token)).toBe(false);
  expect((await upload(token)).status).toBe(200);
  expect(await portraitsOf(identityId)).toBe(1);
});

for (const how of ["route.abort", "setOffline"] as const) {
  test(`the connection drops during the upload (${how}): the page offers a retry, and the retry registers exactly once`, async ({
    page,
    context,
  }) => {
    const { identityId, token } = await identityWithLink();
    await page.goto(`/upload/${token}`);
    await page
      .getByTestId("choose-photo-input")
      .setInputFiles({ name: "me.jpg", mimeType: "image/jpeg", buffer: await frontalJpeg() });
    const uploadButton = page.getByRole("button", { name: "Upload" });
    await expect(uploadButton).toBeEnabled();
    if (how === "route.abort")
      await page.route("**/api/public/uploads/**", (route) => route.abort("internetdisconnected"));
    else await context.setOffline(true);
    await uploadButton.click();
    await expect(page.getByText("The connection was lost")).toBeVisible();
    expect(await linkUsed(token)).toBe(false);
    if (how === "route.abort") await page.unroute("**/api/public/uploads/**");
    else await context.setOffline(false);
    await page.getByRole("button", { name: "Try again" }).click();
    await expect(page.getByTestId("upload-done")).toBeVisible();
    expect(await portraitsOf(identityId)).toBe(1);
    expect(await linkUsed(token)).toBe(true);
  });
}

test("the PostgreSQL server restarts under the running app: it recovers without an app restart", async () => {
  test.skip(
    !existsSync("/etc/postgresql") && process.env.CI !== "true",
    "no local PostgreSQL cluster to restart",
  );
  expect((await fetch(`${SEC.baseUrl}/api/health`)).status).toBe(200);
  const version = readdirSync("/etc/postgresql")[0]!;
  // Others share this server: one quick restart (fast shutdown), nothing else.
  execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "restart"], {
    stdio: "inherit",
    timeout: 60_000,
  });
  const started = Date.now();
  let status = 0;
  while (Date.now() - started < 30_000) {
    status = await fetch(`${SEC.baseUrl}/api/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(status, "health after the restart").toBe(200);
  // Not just `select 1`: a full upload with a transaction works on the recovered pool.
  const { identityId, token } = await identityWithLink();
  let response = await upload(token);
  // At most one request may still meet a connection that died in the restart: it is told to retry.
  if (response.status === 503) response = await upload(token);
  expect(response.status).toBe(200);
  expect(await portraitsOf(identityId)).toBe(1);
});
