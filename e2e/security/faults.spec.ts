import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { frontalJpeg } from "@/test/photos";
import { SEC } from "./env";
import { arrangeLink, linkUsed, openWithPhoto, portraitsOf } from "./links";

/** docs/SECURITY.md B 24, G 60, G 64 against the running production server. */

const identityWithLink = () => arrangeLink("FLT", "Fault");

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
    await openWithPhoto(page, token);
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
