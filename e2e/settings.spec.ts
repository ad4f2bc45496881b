import { expect, test } from "@playwright/test";
import { E2E } from "./env";
import { signIn, uniqueSuffix } from "./helpers";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("an owner creates an API key, sees it once, uses it, and revokes it", async ({ page, request }) => {
  const s = uniqueSuffix();
  await signIn(page, E2E.users.ownerA);
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();

  await page.getByRole("button", { name: "Create API key" }).click();
  let dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(`HR sync ${s}`);
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByRole("heading", { name: "Copy your new API key" })).toBeVisible();
  const key = await dialog.getByLabel(`API key “HR sync ${s}”`).inputValue();
  expect(key).toMatch(/^imk_[A-Za-z0-9_-]{43}$/);
  await dialog.getByRole("button", { name: "Copy" }).click();
  await expect(dialog.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();

  // Shown once: the list has the prefix only, and reopening the dialog asks for a new name.
  const row = page.getByTestId("api-key-row").filter({ hasText: `HR sync ${s}` });
  await expect(row).toContainText(`${key.slice(0, 12)}…`);
  await expect(page.getByText(key)).toHaveCount(0);
  await page.getByRole("button", { name: "Create API key" }).click();
  dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("Name")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();

  const api = await request.get("/api/v1/identities", { headers: { Authorization: `Bearer ${key}` } });
  expect(api.status()).toBe(200);
  await page.reload();
  await expect(row.locator("td").nth(3)).not.toHaveText("—");

  await row.getByRole("button", { name: `Revoke HR sync ${s}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(row).toContainText("Revoked");
  expect((await request.get("/api/v1/identities", { headers: { Authorization: `Bearer ${key}` } })).status()).toBe(401);
});

test("admins do not get the Settings tab or page", async ({ page }) => {
  await signIn(page, E2E.users.adminA);
  await expect(page.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/forbidden$/);
});

test("the API reference renders from the OpenAPI document without a sign-in", async ({ page }) => {
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { name: "Identity Manager API" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^post\s*\/api\/v1\/upload-links$/i })).toBeVisible();
  await expect(page.locator("#problem-idempotency-key-reused")).toBeVisible();
});
