import { mkdirSync } from "node:fs";
import { devices, expect, test } from "@playwright/test";
import { E2E } from "./env";
import { addIdentity, issueLink, signIn, uniqueSuffix } from "./helpers";

/**
 * The README's picture of the person's phone page, taken from a real run at an iPhone 13's size:
 * a link issued in the console, opened as the person opens it. It writes into test-results on an
 * ordinary run; `UPDATE_README_SCREENSHOTS=1` writes docs/phone-upload.png instead, so a test run
 * never changes the README by accident.
 */
const { defaultBrowserType: _browser, ...iPhone13 } = devices["iPhone 13"];
void _browser;
const target =
  process.env.UPDATE_README_SCREENSHOTS === "1"
    ? "docs/phone-upload.png"
    : `${E2E.resultsDir}/phone-upload.png`;

test("README: the phone upload page at iPhone 13 size", async ({ browser }) => {
  const admin = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await signIn(admin, E2E.users.adminA);
  const name = "Maria Garcia";
  await addIdentity(admin, name, `README-${uniqueSuffix()}`);
  const url = await issueLink(admin, name);
  await admin.close();

  const phone = await browser.newContext({ ...iPhone13, locale: "en-US" });
  const page = await phone.newPage();
  await page.goto(url);
  await expect(page.getByRole("button", { name: /Choose photo/ }).first()).toBeVisible();
  expect(page.viewportSize()).toEqual({ width: 390, height: 664 });
  await page.waitForLoadState("networkidle");
  mkdirSync(E2E.resultsDir, { recursive: true });
  await page.screenshot({ path: target });
  await phone.close();
});
