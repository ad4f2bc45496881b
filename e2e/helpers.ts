import { expect, type Browser, type Page } from "@playwright/test";
import { E2E } from "./env";

export async function signIn(
  page: Page,
  email: string,
  password: string = E2E.password,
  baseUrl: string = E2E.seededUrl,
) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/(identities|approvals)/);
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

/** Adds an identity named "<label> <unique suffix>" (external ID "<idPrefix>-<suffix>"); returns its name. */
export async function addUniqueIdentity(page: Page, label: string, idPrefix: string): Promise<string> {
  const s = uniqueSuffix();
  const name = `${label} ${s}`;
  await addIdentity(page, name, `${idPrefix}-${s}`);
  return name;
}

/**
 * The people of one campaign test, a "wave" named "<label> <unique suffix>": an identity
 * "<wave> <first name>" for each first name, with the external ID "<label>-<suffix>-<first name>"
 * and the address `emails` gives. Returns the wave's name.
 */
export async function addWave(
  page: Page,
  label: string,
  firstNames: string[],
  emails: Record<string, string> = {},
): Promise<string> {
  const wave = `${label} ${uniqueSuffix()}`;
  for (const who of firstNames)
    await addIdentity(page, `${wave} ${who}`, `${wave.replace(" ", "-")}-${who}`, emails[who]);
  return wave;
}

export interface Conditions {
  doNotStore?: boolean;
  skipQualityCheck?: boolean;
  requireApproval?: boolean;
}

/** Issues a self-registration link from the identity's photo dialog and returns its URL. */
export async function issueLink(
  page: Page,
  displayName: string,
  conditions: Conditions = {},
): Promise<string> {
  await page.getByRole("button", { name: `Change photo of ${displayName}` }).click();
  await page.getByRole("button", { name: "Generate a self-portrait upload link" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Choose how the link works");
  if (conditions.doNotStore) await dialog.getByLabel("Do not store the image file after upload").check();
  if (conditions.skipQualityCheck) await dialog.getByLabel("Do not perform a quality check").check();
  if (conditions.requireApproval) await dialog.getByLabel("Require approval after the upload").check();
  await dialog.getByRole("button", { name: "Generate" }).click();
  const url = await dialog.getByRole("textbox", { name: "Upload link" }).inputValue();
  // With no APP_URL the link points to where this server listens, and says it works only here.
  expect(url.startsWith(`${new URL(page.url()).origin}/upload/`), url).toBe(true);
  await expect(dialog.getByTestId("loopback-warning")).toContainText("only works on this computer");
  await expect(dialog.getByRole("img", { name: "QR code of the upload link" })).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  return url;
}

/** A new identity (see addUniqueIdentity) and a self-registration link for it. */
export async function identityWithLink(
  page: Page,
  label: string,
  idPrefix: string,
  conditions: Conditions = {},
): Promise<{ name: string; url: string }> {
  const name = await addUniqueIdentity(page, label, idPrefix);
  return { name, url: await issueLink(page, name, conditions) };
}

export function identityRow(page: Page, displayName: string) {
  return page.getByTestId("identity-row").filter({ hasText: displayName });
}

/** The admin works at a desk (the people, on this project's phone profile, open their links). */
export async function deskAdminPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    isMobile: false,
    hasTouch: false,
  });
  const page = await context.newPage();
  await signIn(page, E2E.users.adminA);
  return page;
}
