import { expect, test } from "@playwright/test";
import { E2E } from "./env";
import { addIdentity, identityRow, signIn, uniqueSuffix } from "./helpers";

test("an admin adds, edits, searches and deletes identities", async ({ page }) => {
  const s = uniqueSuffix();
  await signIn(page, E2E.users.adminA);
  await addIdentity(page, `Marie Curie ${s}`, `MC-${s}`, `marie.${s}@example.com`);
  await addIdentity(page, `Pierre Curie ${s}`, `PC-${s}`);
  await expect(page.getByRole("row", { name: new RegExp(`Marie Curie ${s}`) })).toBeVisible();

  // Duplicate external ID: a field error on External ID, and the typed name stays.
  await page.getByRole("button", { name: "Add identity" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name", { exact: true }).fill("Somebody Else");
  await dialog.getByLabel("External ID").fill(`MC-${s}`);
  await dialog.getByRole("button", { name: "Add identity" }).click();
  await expect(dialog.getByText("This external ID is already used by another identity.")).toBeVisible();
  await expect(dialog.getByLabel("External ID")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByLabel("Name", { exact: true })).toHaveValue("Somebody Else");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // Edit.
  await page.getByRole("button", { name: `Edit Pierre Curie ${s}` }).click();
  await page.getByRole("dialog").getByLabel("Name", { exact: true }).fill(`Pierre Curie-Sklodowski ${s}`);
  await page.getByRole("dialog").getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  // The name is also in the portrait button's hidden label ("Change photo of …"): find the link.
  await expect(page.getByRole("link", { name: `Pierre Curie-Sklodowski ${s}` })).toBeVisible();

  // Search by name, then by external ID.
  await page.getByRole("searchbox").fill(`marie curie ${s}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("identity-row")).toHaveCount(1);
  await page.getByRole("searchbox").fill(`pc-${s}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("identity-row")).toHaveCount(1);
  // The name is also in the portrait button's hidden label ("Change photo of …"): find the link.
  await expect(page.getByRole("link", { name: `Pierre Curie-Sklodowski ${s}` })).toBeVisible();
  await page.getByRole("searchbox").fill(`nobody-${s}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No identities match.")).toBeVisible();
  await page.getByRole("link", { name: "Clear" }).click();

  // Delete asks first, says what goes, and can be cancelled.
  await page.getByRole("button", { name: `Delete Marie Curie ${s}` }).click();
  await expect(page.getByRole("dialog")).toContainText("biometric data");
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("link", { name: `Marie Curie ${s}` })).toBeVisible();
  await page.getByRole("button", { name: `Delete Marie Curie ${s}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete identity" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(page.getByText(`Marie Curie ${s}`)).toHaveCount(0);
});

test("organizations see only their own identities", async ({ page }) => {
  await signIn(page, E2E.users.ownerA);
  await expect(page.getByRole("link", { name: "Alice OnlyInA" })).toBeVisible();
  await expect(page.getByText("Bob OnlyInB")).toHaveCount(0);
  await page.getByRole("searchbox").fill("B-SECRET-1");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No identities match.")).toBeVisible();
});

test("the audit log shows who did what, newest first", async ({ page }) => {
  const s = uniqueSuffix();
  await signIn(page, E2E.users.adminA);
  await addIdentity(page, `Audited ${s}`, `AU-${s}`);
  await page.getByRole("link", { name: "Audit log" }).click();
  const first = page.getByTestId("audit-row").first();
  await expect(first).toContainText(`added Audited ${s} (AU-${s})`);
  await expect(first).toContainText(E2E.users.adminA);
  await expect(page.getByTestId("audit-position")).toContainText(/^Events 1–\d+ of [\d,]+$/);
  // The person's name links to their page; filtering by them keeps only their events.
  await page.getByRole("searchbox", { name: "Person" }).fill(`AU-${s}`);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByTestId("audit-row")).toHaveCount(1);
  await expect(page.getByTestId("audit-position")).toHaveText("Events 1–1 of 1");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await download;
  const csv = await (await file.createReadStream()).toArray();
  expect(Buffer.concat(csv).toString("utf8")).toContain(`added Audited ${s} (AU-${s})`);
  await first.getByRole("link", { name: `Audited ${s} (AU-${s})` }).click();
  await expect(page).toHaveURL(/\/identities\/[0-9a-f-]{36}$/);
});

test("the portrait circle reads as a button: named by the initials it shows, a camera, a pointer, a focus ring", async ({
  page,
}) => {
  const s = uniqueSuffix();
  const name = `Ines Okafor ${s}`;
  await signIn(page, E2E.users.adminA);
  await addIdentity(page, name, `IO-${s}`);
  const circle = identityRow(page, name).getByRole("button", { name: `Change photo of ${name}` });
  // WCAG 2.5.3: the visible text (the initials) is part of the name, first.
  await expect(circle).toHaveAccessibleName(new RegExp(`^IO\\b.*no portrait.*Change photo of ${name}$`));
  await expect(circle.locator("svg")).toBeVisible();
  expect(await circle.evaluate((b) => getComputedStyle(b).cursor)).toBe("pointer");
  // Reached by keyboard, it shows where focus is.
  await identityRow(page, name).getByRole("checkbox").focus();
  await page.keyboard.press("Tab");
  await expect(circle).toBeFocused();
  expect(await circle.evaluate((b) => getComputedStyle(b).outlineStyle)).not.toBe("none");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: "Change identity photo" })).toBeVisible();
});
