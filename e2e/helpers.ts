import { expect, type Page } from "@playwright/test";
import { E2E } from "./env";

export async function signIn(page: Page, email: string, password: string = E2E.password, baseUrl: string = E2E.seededUrl) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/identities/);
}

export const uniqueSuffix = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export async function addIdentity(page: Page, name: string, externalId: string, email?: string) {
  await page.getByRole("button", { name: "Add identity" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name", { exact: true }).fill(name);
  await dialog.getByLabel("External ID").fill(externalId);
  if (email) await dialog.getByLabel("Email (optional)").fill(email);
  await dialog.getByRole("button", { name: "Add identity" }).click();
  await expect(dialog).toBeHidden();
}
