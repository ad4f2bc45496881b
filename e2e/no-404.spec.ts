import { expect, test } from "@playwright/test";
import { E2E } from "./env";
import { signIn } from "./helpers";

/** Every page asks only for what exists: no favicon (or any other) 404 in the browser's requests. */
test("no page of the console makes a request that ends in 404, and each has an icon", async ({ page }) => {
  const missing: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 404) missing.push(`${response.request().method()} ${response.url()}`);
  });
  await page.goto("/login");
  await signIn(page, E2E.users.ownerA);
  for (const path of [
    "/identities",
    "/approvals",
    "/search",
    "/audit",
    "/settings",
    "/account",
    "/campaigns",
  ]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
    expect(icon, path).toBeTruthy();
    expect((await page.request.get(icon!)).status(), `${path}: ${icon}`).toBe(200);
  }
  expect(missing).toEqual([]);
});
