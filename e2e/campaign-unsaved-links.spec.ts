import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./env";
import { addWave, signIn } from "./helpers";

/**
 * A campaign's links exist only in the dialog that started it (only their fingerprints are stored).
 * Found walking the console: with no mail set up, Escape (or ✕, or a click beside the dialog) closed
 * it at once and the links just issued were gone, the people asked for a photo with nothing to open.
 * Closing now asks while some links were neither downloaded nor mailed.
 */
test.use({ viewport: { width: 1280, height: 800 } });

async function startCampaign(page: Page, label: string) {
  const wave = await addWave(page, label, ["Ann", "Ben"]);
  await page.getByRole("searchbox").fill(wave);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("identity-row")).toHaveCount(2);
  await page.getByRole("button", { name: "Ask all 2 that match for a photo…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Continue" }).click();
  await dialog.getByRole("button", { name: "Start campaign (2)" }).click();
  await expect(dialog.getByTestId("campaign-created")).toBeVisible();
  return dialog;
}

test("closing a new campaign's dialog before its CSV is saved asks first", async ({ page }) => {
  await signIn(page, E2E.users.adminA);
  const dialog = await startCampaign(page, "UnsavedLinks");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("alert")).toContainText("These links are not saved anywhere yet");
  await dialog.getByRole("button", { name: "Close", exact: true }).click();
  await expect(dialog).toBeVisible();

  const download = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Download CSV" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);
  await expect(dialog.getByRole("alert")).toBeHidden();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // Or the admin decides to lose them: one more, explicit click.
  const again = await startCampaign(page, "DiscardedLinks");
  await again.getByRole("button", { name: "Close", exact: true }).click();
  await again.getByRole("button", { name: "Close without the CSV" }).click();
  await expect(again).toBeHidden();
});
