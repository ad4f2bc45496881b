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
  expect(
    (await request.get("/api/v1/identities", { headers: { Authorization: `Bearer ${key}` } })).status(),
  ).toBe(401);
});

test("admins do not get the Settings tab or page", async ({ page }) => {
  await signIn(page, E2E.users.adminA);
  await expect(page.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/forbidden$/);
});

test("the API reference renders the OpenAPI document with examples, from this server only, without a sign-in", async ({
  page,
}) => {
  const elsewhere: string[] = [];
  page.on("request", (r) => {
    if (!/^(data|blob):/.test(r.url()) && new URL(r.url()).origin !== E2E.seededUrl) elsewhere.push(r.url());
  });
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { name: "Identity Manager API" }).first()).toBeVisible();
  // Scalar renders an operation's section when it is reached: go there from the sidebar.
  await page
    .getByRole("complementary")
    .getByRole("link", { name: /Issue self-registration links in a batch/ })
    .click();
  await expect(
    page.getByRole("heading", { name: "Issue self-registration links in a batch" }).first(),
  ).toBeVisible();
  // Examples generated from lib/api/examples.ts, not hand-written into the page.
  await expect(page.getByText("EMP-1042").first()).toBeAttached();
  await expect(page.locator("#problem-idempotency-key-reused")).toBeAttached();
  // Markdown is rendered, not shown raw (example payloads may quote a backtick in a message).
  const intro = page.getByText(/Manage identities and issue self-registration links/).first();
  await expect(intro).toContainText("Authorization: Bearer");
  await expect(intro).not.toContainText("`");
  expect(elsewhere).toEqual([]);
});

test("an owner adds a reviewer who can sign in, then disables them and their session ends", async ({
  page,
  browser,
}) => {
  const s = uniqueSuffix();
  const email = `new-reviewer-${s}@e2e.test`;
  await signIn(page, E2E.users.ownerA);
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Add member" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption("reviewer");
  await dialog.getByLabel("Initial password").fill("short");
  await dialog.getByRole("button", { name: "Add member" }).click();
  await expect(dialog.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(dialog.getByLabel("Email")).toHaveValue(email);
  await dialog.getByLabel("Initial password").fill("initial-password-1");
  await dialog.getByRole("button", { name: "Add member" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId("member-row").filter({ hasText: email });
  await expect(row).toContainText("Active");

  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await signIn(member, email, "initial-password-1");
  await expect(member).toHaveURL(/\/approvals$/);

  // Disabling signs them out everywhere: it asks first (the walk found it done on one click).
  await row.getByRole("button", { name: `Disable ${email}` }).click();
  const confirm = page.getByRole("dialog", { name: `Disable ${email}?` });
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText("Active");
  await row.getByRole("button", { name: `Disable ${email}` }).click();
  await confirm.getByRole("button", { name: "Disable member" }).click();
  await expect(row).toContainText("Disabled");
  await member.goto(`${E2E.seededUrl}/approvals`);
  await expect(member).toHaveURL(/\/login$/);
  await memberContext.close();
});

test("the last owner cannot demote themselves; quality thresholds are validated and saved", async ({
  page,
}) => {
  await signIn(page, E2E.users.ownerB);
  await page.getByRole("link", { name: "Settings" }).click();
  const row = page.getByTestId("member-row").filter({ hasText: E2E.users.ownerB });
  await row.getByLabel(`Role of ${E2E.users.ownerB}`).selectOption("admin");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("alert")).toContainText("at least one active owner");

  // Thresholds are stored in pixels between the eyes and 0–1 shares; each field says what that means.
  const faceSize = page.getByTestId("meaning-faceTooSmallRejectPx");
  await expect(faceSize).toContainText("at least 53 pixels wide (eyes 24 px apart)");
  await expect(faceSize).toContainText("about 5 % of the width of a 1080-px photo");
  await page.getByLabel("Smallest face accepted (pixels between the eyes)").fill("49");
  await expect(faceSize).toContainText("at least 108 pixels wide (eyes 49 px apart) — about 10 %");
  await page.getByLabel("Smallest face accepted (pixels between the eyes)").fill("");
  await expect(page.getByTestId("meaning-blurRejectLaplacian")).toContainText("Sharpness 4: balanced");
  await page.getByLabel("Sharpness required (lower is more lenient)").fill("1.5");
  await expect(page.getByTestId("meaning-blurRejectLaplacian")).toContainText("very lenient");
  await page.getByLabel("Sharpness required (lower is more lenient)").fill("");
  await expect(page.getByTestId("meaning-darkShareReject")).toContainText("60 % or more of the face");

  // Out of range: each field names its bound.
  const tooDark = "Too dark: share of the face nearly black (0–1, e.g. 0.6 = 60 %)";
  await page.getByLabel("Smallest face accepted (pixels between the eyes)").fill("-5");
  await page.getByLabel(tooDark).fill("1.5");
  await page.getByRole("button", { name: "Save thresholds" }).click();
  await expect(page.getByText("Enter more than 0.")).toBeVisible();
  await expect(page.getByText("Enter 1 or less.")).toBeVisible();
  await page.getByLabel("Smallest face accepted (pixels between the eyes)").fill("");
  await page.getByLabel(tooDark).fill("");

  await page.getByLabel("Reject heads turned more than (°)").fill("10");
  await page.getByRole("button", { name: "Save thresholds" }).click();
  await expect(page.getByText("A reject level is looser than its warning level.")).toBeVisible();
  await expect(page.getByText("Must be stricter than its warning level.")).toBeVisible();
  await page.getByLabel("Reject heads turned more than (°)").fill("30");
  await page.getByRole("button", { name: "Save thresholds" }).click();
  await expect(page.getByText("Quality thresholds saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Reject heads turned more than (°)")).toHaveValue("30");
  await page.getByLabel("Reject heads turned more than (°)").fill("");
  await page.getByRole("button", { name: "Save thresholds" }).click();
  await expect(page.getByText("Back to the default thresholds.")).toBeVisible();
});
