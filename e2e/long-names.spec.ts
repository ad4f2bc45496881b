import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./env";
import { addIdentity, identityRow, issueLink, signIn, uniqueSuffix } from "./helpers";
import { photoFiles } from "./photos";

/**
 * Names are up to 200 characters, and some have no space to break at (a run of letters, or Japanese,
 * which the browser breaks anywhere but a table sizes by its longest run). Found walking the console
 * with such names: the identities table pushed its Edit and Delete buttons 1,100 px off to the right
 * (and an off-screen label made the whole page scroll sideways), the identity page's heading ran off
 * the window, the dialogs' subtitle ran out of the dialog, and the approvals and audit tables cut the
 * name off. Every table must fit its box, every row action must be on screen, nothing may scroll sideways.
 */
test.use({ viewport: { width: 1280, height: 800 } });

async function expectFits(page: Page, where: string) {
  await page.waitForLoadState("load");
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect.soft(sideways, `${where}: the page scrolls sideways`).toBeLessThanOrEqual(0);
  const tables = await page
    .locator("[data-table]")
    .evaluateAll((boxes) => boxes.map((b) => b.scrollWidth - b.clientWidth));
  for (const hidden of tables)
    expect.soft(hidden, `${where}: a table is wider than its box`).toBeLessThanOrEqual(0);
}

async function expectOnScreen(page: Page, box: { x: number; width: number } | null, what: string) {
  expect(box, what).not.toBeNull();
  expect
    .soft(box!.x + box!.width, `${what} is beyond the window's right edge`)
    .toBeLessThanOrEqual(page.viewportSize()!.width);
}

test("a 200-character name without spaces fits every page and dialog it is on", async ({ page, browser }) => {
  const photos = await photoFiles();
  const s = uniqueSuffix();
  const latin = `Long${s}`.padEnd(200, "x");
  const japanese = `長い名前${s}`.padEnd(200, "長");
  await signIn(page, E2E.users.ownerA);
  await addIdentity(page, latin, `LONG-${s}`);
  await addIdentity(page, japanese, `LONGJA-${s}`);
  // Both wait for approval, so the approvals table and the audit log show them too.
  for (const name of [latin, japanese]) {
    const url = await issueLink(page, name, { requireApproval: true });
    const sent = await page.request.post(`${E2E.seededUrl}/api/public/uploads/${url.split("/upload/")[1]}`, {
      multipart: { image: { name: "me.jpg", mimeType: "image/jpeg", buffer: readFileSync(photos.other) } },
    });
    expect(sent.status()).toBe(200);
  }

  await page.getByRole("searchbox").fill(s);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("identity-row")).toHaveCount(2);
  await expectFits(page, "identities");
  for (const name of [latin, japanese]) {
    const row = identityRow(page, name);
    const edit = await row.getByRole("button", { name: `Edit ${name}` }).boundingBox();
    const remove = await row.getByRole("button", { name: `Delete ${name}` }).boundingBox();
    // Side by side, as in a row with a short name (they were stacked once the name took the width).
    expect.soft(remove!.y, "Edit and Delete are on one line").toBe(edit!.y);
    await expectOnScreen(page, await row.getByRole("button", { name: `Edit ${name}` }).boundingBox(), "Edit");
    await expectOnScreen(
      page,
      await row.getByRole("button", { name: `Delete ${name}` }).boundingBox(),
      "Delete",
    );
  }

  await page.getByRole("button", { name: `Change photo of ${latin}` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  const spill = await dialog.evaluate((d) => d.scrollWidth - d.clientWidth);
  expect.soft(spill, "the photo dialog's subtitle runs out of the dialog").toBeLessThanOrEqual(0);
  await page.keyboard.press("Escape");

  await page.getByRole("link", { name: latin }).click();
  await expect(page.getByRole("heading", { name: latin, level: 1 })).toBeVisible();
  await expectFits(page, "identity page");
  await expectOnScreen(
    page,
    await page.getByRole("heading", { name: latin, level: 1 }).boundingBox(),
    "Heading",
  );

  await page.goto("/approvals");
  await expect(page.getByTestId("approval-row").filter({ hasText: latin })).toBeVisible();
  await expectFits(page, "approvals");
  const request = page.getByTestId("approval-row").filter({ hasText: latin });
  await expectOnScreen(
    page,
    await request.getByRole("button", { name: "Approve", exact: true }).boundingBox(),
    "Approve",
  );

  // In Japanese, which breaks between any two characters, the name must wrap, not the short columns:
  // they were squeezed to one character a line ("送/信/日/時", "30/分/前").
  const ja = await browser.newContext({
    locale: "ja-JP",
    viewport: { width: 1280, height: 800 },
    storageState: await page.context().storageState(),
  });
  const jaPage = await ja.newPage();
  await jaPage.goto(`${E2E.seededUrl}/approvals`);
  const row = jaPage.getByTestId("approval-row").filter({ hasText: latin });
  await expect(jaPage.locator("html")).toHaveAttribute("lang", "ja");
  // One line: at most 20 px of text (the header cell adds 16 px of padding); it took 80.
  const oneLine = async (what: string, box: { height: number } | null, padding = 0) =>
    expect.soft(box!.height - padding, `${what} is squeezed onto several lines`).toBeLessThan(24);
  await oneLine("the submitted time", await row.locator("time").boundingBox());
  await oneLine(
    "the Submitted header",
    await jaPage.getByRole("columnheader", { name: "送信日時" }).boundingBox(),
    16,
  );
  await ja.close();

  await page.goto(`/audit?person=${encodeURIComponent(`LONG-${s}`)}`);
  await expect(page.getByText(latin).first()).toBeVisible();
  await expectFits(page, "audit log");
});
