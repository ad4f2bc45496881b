import { expect, test, type Locator, type Page } from "@playwright/test";
import { E2E } from "./env";
import { addUniqueIdentity, signIn } from "./helpers";

/**
 * Keyboard use of the dialogs: closing one (Escape, Cancel or ✕) puts the focus back on the button
 * that opened it, so the person goes on from where they were (WCAG 2.4.3). Found walking the console
 * by keyboard: every dialog left the focus on the page's start, because Radix returns it only to a
 * Radix `Trigger` and our dialogs are opened by their own buttons.
 */
test.use({ viewport: { width: 1280, height: 800 } });

async function openByKeyboard(page: Page, opener: Locator) {
  await opener.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog")).toBeVisible();
}

test("closing a dialog gives the focus back to the button that opened it", async ({ page }) => {
  await signIn(page, E2E.users.ownerA);
  const name = await addUniqueIdentity(page, "Focus Person", "FOCUS");
  const closeWays: [string, () => Promise<void>][] = [
    ["Escape", () => page.keyboard.press("Escape")],
    ["Cancel", () => page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click()],
    ["✕", () => page.getByRole("dialog").getByRole("button", { name: "Close" }).click()],
  ];
  for (const [how, close] of closeWays) {
    const add = page.getByRole("button", { name: "Add identity" });
    await openByKeyboard(page, add);
    await close();
    await expect(page.getByRole("dialog")).toBeHidden();
    await expect(add, `Add identity, closed by ${how}`).toBeFocused();
  }
  for (const opener of [
    page.getByRole("button", { name: `Edit ${name}` }),
    page.getByRole("button", { name: `Delete ${name}` }),
    page.getByRole("button", { name: `Change photo of ${name}` }),
  ]) {
    await openByKeyboard(page, opener);
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toBeHidden();
    await expect(opener).toBeFocused();
  }

  await page.goto("/settings");
  const createKey = page.getByRole("button", { name: "Create API key" });
  await openByKeyboard(page, createKey);
  await page.keyboard.press("Escape");
  await expect(createKey).toBeFocused();
});
