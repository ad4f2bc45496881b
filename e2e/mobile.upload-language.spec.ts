import { expect, test } from "@playwright/test";
import { E2E } from "./env";
import { identityWithLink, signIn } from "./helpers";

/** The person's page speaks the phone's language in the whole document: `<html lang>` and the tab title. */
test("the upload page's lang and title follow the phone's language, and the console stays English", async ({
  browser,
}) => {
  const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(admin, E2E.users.adminA);
  const { url } = await identityWithLink(admin, "Language", "LANG");
  expect(await admin.locator("html").getAttribute("lang")).toBe("en");

  for (const [locale, lang, title] of [
    ["ja-JP", "ja", "顔写真の登録"],
    ["en-US", "en", "Register your photo"],
  ] as const) {
    const phone = await browser.newPage({ locale });
    await phone.goto(url);
    await expect(phone.locator("html")).toHaveAttribute("lang", lang);
    await expect(phone).toHaveTitle(new RegExp(`^${title}`));
    // The page's content is its main landmark, where a screen reader jumps to (the walk found none).
    await expect(phone.getByRole("main").getByRole("heading", { level: 1, name: title })).toBeVisible();
    await phone.close();
  }
  // A dead link's page too (nothing there to read the language from but the browser).
  const phone = await browser.newPage({ locale: "ja-JP" });
  await phone.goto(`${E2E.seededUrl}/upload/not-a-real-token`);
  await expect(phone.locator("html")).toHaveAttribute("lang", "ja");
  await expect(phone.getByRole("main").getByTestId("invalid-link")).toBeVisible();
  await phone.close();
  await admin.close();
});
