import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./env";
import { signIn } from "./helpers";
import { messagesFor } from "./messages";

const en = messagesFor("en");
const ja = messagesFor("ja");

/** React's production build reports a hydration mismatch as minified error #418/#423/#425. */
function watchHydration(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /hydrat|#418|#423|#425/i.test(m.text())) errors.push(m.text());
  });
  page.on("pageerror", (e) => {
    if (/hydrat|#418|#423|#425/i.test(e.message)) errors.push(e.message);
  });
  return errors;
}

const nav = (page: Page) => page.getByRole("navigation", { name: /^(Main|メイン)$/ });

test.describe("the console's language", () => {
  test.use({ locale: "en-US", timezoneId: "Asia/Tokyo" });

  test("switching to Japanese persists across navigation and reloads, and back", async ({ page }) => {
    const hydration = watchHydration(page);
    await signIn(page, E2E.users.ownerA);
    await page.goto("/identities");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(nav(page).getByRole("link", { name: en.nav.identities })).toBeVisible();

    await page.getByRole("group", { name: en.nav.language }).getByRole("button", { name: "日本語" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");
    await expect(page.getByRole("heading", { name: ja.identities.title, level: 1 })).toBeVisible();

    // A client-side navigation, then a full page load: still Japanese, from the cookie alone.
    await nav(page).getByRole("link", { name: ja.nav.campaigns }).click();
    await expect(page).toHaveURL(/\/campaigns$/);
    await expect(page.getByRole("heading", { name: ja.campaigns.title, level: 1 })).toBeVisible();
    await page.goto("/audit");
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");
    await expect(page.getByRole("heading", { name: ja.audit.title, level: 1 })).toBeVisible();
    await expect(page).toHaveTitle(`${ja.audit.title} · Identity Manager`);
    await page.reload();
    await expect(nav(page).getByRole("link", { name: ja.nav.settings })).toBeVisible();

    await page.getByRole("group", { name: ja.nav.language }).getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.goto("/identities");
    await expect(page.getByRole("heading", { name: en.identities.title, level: 1 })).toBeVisible();
    expect(hydration).toEqual([]);
  });

  test("the audit log's times are in the browser's zone, unambiguous, with the exact time as a tooltip", async ({
    page,
  }) => {
    const hydration = watchHydration(page);
    await signIn(page, E2E.users.ownerA);
    // The first page load tells the server the zone (a cookie); from then on it renders in it.
    await page.goto("/audit");
    const when = page.getByTestId("audit-row").first().locator("time");
    await expect(when).toHaveAttribute("title", /\d{2}:\d{2}:\d{2} GMT\+9$/);
    await expect(when).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === "tz")?.value).toBe(encodeURIComponent("Asia/Tokyo"));
    await page.reload();
    await expect(when).toHaveAttribute("title", /GMT\+9$/);
    expect(hydration).toEqual([]);
  });
});

test.describe("a Japanese browser", () => {
  test.use({ locale: "ja-JP", timezoneId: "Asia/Tokyo" });

  test("gets the sign-in page and the console in Japanese without choosing", async ({ page }) => {
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");
    await expect(page.getByRole("heading", { name: ja.login.title })).toBeVisible();
    await page.getByLabel(ja.login.email).fill(E2E.users.ownerA);
    await page.getByLabel(ja.login.password).fill(E2E.password);
    await page.getByRole("button", { name: ja.login.title }).click();
    await expect(page).toHaveURL(/\/identities/);
    await expect(nav(page).getByRole("link", { name: ja.nav.approvals })).toBeVisible();
    // An error from a server action comes back in Japanese too (mapped by its code).
    await page.getByRole("button", { name: ja.identityForm.add }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel(ja.identityForm.name, { exact: true }).fill("  ");
    await dialog.getByLabel(ja.identityForm.externalId).fill("x");
    await dialog.getByRole("button", { name: ja.identityForm.add }).click();
    await expect(dialog.getByRole("alert").first()).toHaveText(ja.errors.VALIDATION);
    await page.goto("/audit");
    await expect(page.getByTestId("audit-row").first().locator("time")).toHaveText(
      /^\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2}$/,
    );
  });
});
