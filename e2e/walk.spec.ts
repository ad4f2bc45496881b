import { mkdirSync, readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { devices, expect, test, type Locator, type Page } from "@playwright/test";
import { seededApiKeys } from "./api-keys";
import { E2E } from "./env";
import { addIdentity, identityRow, issueLink, signIn, uniqueSuffix } from "./helpers";
import { photoFiles } from "./photos";

/**
 * The Done-when walk of issue 13: every console page and dialog, the API reference and the person's
 * phone page, at 1366×900 and at 390 px. Each stop is screenshotted into test-results/walk/ and
 * checked by axe (WCAG 2.1 A/AA): no serious or critical violation. At 390 px nothing may make the
 * page scroll sideways, and every row action must be on screen.
 */
const DIR = `${E2E.resultsDir}/walk`;
const { defaultBrowserType: _browser, ...iPhone13 } = devices["iPhone 13"];
void _browser;

async function check(page: Page, name: string, scope?: Locator) {
  await page.waitForLoadState("load");
  await page.screenshot({
    path: `${DIR}/${test.info().project.name}-${test.info().title}-${name}.png`,
    fullPage: !scope,
  });
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  if (scope) builder.include("[role=dialog]");
  const { violations } = await builder.analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect.soft(serious, `axe on ${name}`).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect.soft(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
}

async function dialog(page: Page, open: () => Promise<void>, name: string) {
  await open();
  const d = page.getByRole("dialog");
  await expect(d).toBeVisible();
  await check(page, name, d);
  await page.keyboard.press("Escape");
  await expect(d).toBeHidden();
}

/** Inside the viewport horizontally: reachable without scrolling the page sideways. */
async function expectOnScreen(page: Page, target: Locator) {
  const box = (await target.boundingBox())!;
  const width = page.viewportSize()!.width;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
}

async function menu(page: Page, tab: string, path: string) {
  const toggle = page.getByRole("button", { name: /^Menu/ });
  if (await toggle.isVisible()) await toggle.click();
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: new RegExp(`^${tab}`) })
    .click();
  await page.waitForURL((url) => url.pathname === path);
}

let photos: Awaited<ReturnType<typeof photoFiles>>;
let world: { name: string; pending: string; uploadUrl: string; campaignId: string };

test.beforeAll(async ({ browser }) => {
  mkdirSync(DIR, { recursive: true });
  photos = await photoFiles();
  // One person with a portrait, one waiting for approval, a campaign, and a fresh link for the phone page.
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await signIn(page, E2E.users.ownerA);
  const s = uniqueSuffix();
  const name = `Walk Person ${s}`;
  const pending = `Walk Pending ${s}`;
  await addIdentity(page, name, `WALK-${s}`, `walk-${s}@example.test`);
  await page.getByRole("button", { name: `Change photo of ${name}` }).click();
  await page.getByRole("dialog").locator('input[type="file"]').setInputFiles(photos.good);
  await page.getByRole("dialog").getByRole("button", { name: "Upload photo" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  await addIdentity(page, pending, `WALKP-${s}`);
  const link = await issueLink(page, pending, { requireApproval: true });
  const token = link.split("/upload/")[1]!;
  const sent = await page.request.post(`${E2E.seededUrl}/api/public/uploads/${token}`, {
    multipart: { image: { name: "me.jpg", mimeType: "image/jpeg", buffer: readFileSync(photos.other) } },
  });
  expect(sent.status()).toBe(200);
  const uploadUrl = await issueLink(page, name);
  const campaign = await page.request.post(`${E2E.seededUrl}/api/v1/campaigns`, {
    headers: { Authorization: `Bearer ${seededApiKeys().a}` },
    data: { name: `Walk campaign ${s}`, identities: [{ externalId: `WALKP-${s}` }], locale: "en" },
  });
  expect(campaign.status()).toBe(201);
  const campaignId = ((await campaign.json()) as { campaign: { id: string } }).campaign.id;
  world = { name, pending, uploadUrl: new URL(uploadUrl).pathname, campaignId };
  await page.close();
});

async function walk(page: Page) {
  const { name, pending } = world;
  await page.goto("/login");
  await check(page, "login");
  await signIn(page, E2E.users.ownerA);

  await page.goto("/identities");
  await check(page, "identities");
  const row = identityRow(page, name);
  await expectOnScreen(page, row.getByRole("button", { name: `Edit ${name}` }));
  await expectOnScreen(page, row.getByRole("button", { name: `Delete ${name}` }));
  await dialog(page, () => page.getByRole("button", { name: "Add identity" }).click(), "identity-add");
  await dialog(page, () => row.getByRole("button", { name: `Edit ${name}` }).click(), "identity-edit");
  await dialog(page, () => row.getByRole("button", { name: `Delete ${name}` }).click(), "identity-delete");
  await dialog(
    page,
    () => row.getByRole("button", { name: `Change photo of ${name}` }).click(),
    "identity-photo",
  );
  await dialog(
    page,
    async () => {
      await row.getByRole("button", { name: `Change photo of ${name}` }).click();
      await page.getByRole("button", { name: "Generate a self-portrait upload link" }).click();
    },
    "identity-link-conditions",
  );
  await dialog(
    page,
    async () => {
      await page.getByRole("checkbox", { name: `Select ${name}` }).check();
      await page.getByRole("button", { name: /^Ask 1 / }).click();
    },
    "identity-campaign",
  );
  await page.getByRole("link", { name }).first().click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await check(page, "identity-page");

  await menu(page, "Campaigns", "/campaigns");
  await check(page, "campaigns");
  await page.goto(`/campaigns/${world.campaignId}`);
  await check(page, "campaign-page");

  await menu(page, "Approvals", "/approvals");
  await check(page, "approvals");
  const request = page.getByTestId("approval-row").filter({ hasText: pending });
  await expectOnScreen(page, request.getByRole("button", { name: "Approve", exact: true }));
  await expectOnScreen(page, request.getByRole("button", { name: "Reject", exact: true }));
  await dialog(
    page,
    async () => {
      await request.getByRole("button", { name: `Review photo of ${pending}` }).click();
      // Checked once loaded: the photos, verdict and buttons, not the "Loading…" placeholder.
      await expect(
        page.getByRole("dialog").getByRole("button", { name: "Approve", exact: true }),
      ).toBeVisible();
    },
    "approval-viewer",
  );

  await menu(page, "Search by face", "/search");
  await check(page, "search");
  await menu(page, "Audit log", "/audit");
  await check(page, "audit");
  await menu(page, "Settings", "/settings");
  await check(page, "settings");
  await dialog(page, () => page.getByRole("button", { name: "Add member" }).click(), "settings-add-member");
  await dialog(page, () => page.getByRole("button", { name: "Create API key" }).click(), "settings-api-key");
  await page.goto("/account");
  await check(page, "account");
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { name: "Identity Manager API" }).first()).toBeVisible();
  await check(page, "api-docs");

  await page.context().clearCookies();
  await page.goto(world.uploadUrl);
  await expect(page.getByRole("button", { name: /Choose photo/ }).first()).toBeAttached();
  await check(page, "upload");
  await page.goto("/upload/not-a-real-token");
  await check(page, "upload-invalid");
}

test.describe("desktop", () => {
  test.use({ viewport: { width: 1366, height: 900 } });
  test("1366", async ({ page }) => {
    test.setTimeout(900_000);
    await walk(page);
  });
});

test.describe("phone", () => {
  test.use({ ...iPhone13 });
  test("390", async ({ page }) => {
    test.setTimeout(900_000);
    expect(page.viewportSize()!.width).toBe(390);
    await walk(page);
  });
});
