import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { E2E } from "./env";
import { addIdentity, identityRow, issueLink, signIn, uniqueSuffix } from "./helpers";
import { photoFiles } from "./photos";

let photos: Awaited<ReturnType<typeof photoFiles>>;
test.beforeAll(async () => {
  photos = await photoFiles();
});

/** The person's side, straight to the public endpoint (the phone page is covered by the mobile spec). */
async function personUploads(request: APIRequestContext, url: string, file: string) {
  const token = url.split("/upload/")[1]!;
  const response = await request.post(`/api/public/uploads/${token}`, {
    multipart: { image: { name: "me.jpg", mimeType: "image/jpeg", buffer: readFileSync(file) } },
  });
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "pending_approval" });
}

async function uploadDirect(page: Page, name: string, file: string) {
  await page.getByRole("button", { name: `Change photo of ${name}` }).click();
  await page.getByRole("dialog").locator('input[type="file"]').setInputFiles(file);
  await page.getByRole("dialog").getByRole("button", { name: "Upload photo" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
}

async function pendingBadge(page: Page): Promise<number> {
  const badge = page.getByTestId("pending-badge");
  return (await badge.count()) ? Number(await badge.textContent()) : 0;
}

test("approve: the reviewer compares, sees the duplicate, approves, and the identity gets the new portrait", async ({
  page,
  request,
}) => {
  const s = uniqueSuffix();
  const name = `Approve Me ${s}`;
  const twin = `Twin Of ${s}`;
  await signIn(page, E2E.users.adminA);
  await addIdentity(page, name, `AP-${s}`);
  await addIdentity(page, twin, `TW-${s}`);
  await uploadDirect(page, name, photos.good);
  await uploadDirect(page, twin, photos.good);
  const before = await pendingBadge(page);

  const url = await issueLink(page, name, { requireApproval: true });
  await personUploads(request, url, photos.good);
  await page.reload();
  await expect(page.getByTestId("pending-badge")).toHaveText(String(before + 1));
  await expect(identityRow(page, name)).toContainText("Pending approval");

  await page.getByRole("link", { name: /Approvals/ }).click();
  const row = page.getByTestId("approval-row").filter({ hasText: name });
  await expect(row).toContainText("Passed");
  await row.getByRole("button", { name: `Review photo of ${name}` }).click();
  const viewer = page.getByRole("dialog");
  await expect(viewer.getByRole("img", { name: `Uploaded photo of ${name}` })).toBeVisible();
  await expect(viewer.getByRole("img", { name: `Current portrait of ${name}` })).toBeVisible();
  await expect(viewer.getByTestId("verdict")).toContainText("Same person");
  await expect(viewer.getByTestId("duplicates")).toContainText(twin);
  await viewer.getByRole("button", { name: "Approve" }).click();
  await expect(viewer).toBeHidden();
  await expect(page.getByTestId("approval-row").filter({ hasText: name })).toHaveCount(0);

  await page.goto("/identities");
  await expect(identityRow(page, name)).not.toContainText("Pending approval");
  await identityRow(page, name).getByRole("link", { name }).click();
  const history = page.getByTestId("portrait-history");
  await expect(history.getByRole("listitem")).toHaveCount(2);
  await expect(history.getByRole("listitem").first()).toContainText("Self-registration link");
  await expect(history.getByRole("listitem").first()).toContainText("Current");
  await expect(history.getByRole("listitem").first()).toContainText(`approved by ${E2E.users.adminA}`);
});

test("reject: the request goes away and the identity is unchanged; a reviewer can decide", async ({
  page,
  browser,
  request,
}) => {
  const s = uniqueSuffix();
  const name = `Reject Me ${s}`;
  await signIn(page, E2E.users.adminA);
  await addIdentity(page, name, `RJ-${s}`);
  const url = await issueLink(page, name, { requireApproval: true, doNotStore: true });
  await personUploads(request, url, photos.other);

  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, E2E.users.reviewerA);
  const row = reviewer.getByTestId("approval-row").filter({ hasText: name });
  await expect(row).toContainText("Image not kept");
  await row.getByRole("button", { name: "Reject", exact: true }).click();
  await expect(reviewer.getByTestId("approval-row").filter({ hasText: name })).toHaveCount(0);
  await reviewerContext.close();

  await page.reload();
  await expect(identityRow(page, name)).toContainText("No portrait");
  await expect(identityRow(page, name)).not.toContainText("Pending approval");
});

test("bulk approve several requests at once; another organization sees none of them", async ({
  page,
  browser,
  request,
}) => {
  const s = uniqueSuffix();
  await signIn(page, E2E.users.adminA);
  const names = [`Bulk A ${s}`, `Bulk B ${s}`];
  for (const [i, name] of names.entries()) {
    await addIdentity(page, name, `BK-${i}-${s}`);
    await personUploads(request, await issueLink(page, name, { requireApproval: true }), photos.good);
  }
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, E2E.users.ownerB);
  await otherPage.goto("/approvals");
  await expect(otherPage.getByText(`Bulk A ${s}`)).toHaveCount(0);
  await other.close();

  await page.goto("/approvals");
  for (const name of names) await page.getByRole("checkbox", { name: `Select ${name}` }).check();
  await page.getByRole("button", { name: "Approve (2)" }).click();
  for (const name of names)
    await expect(page.getByTestId("approval-row").filter({ hasText: name })).toHaveCount(0);
});

test("search by face finds the registered person first, with a thumbnail or a template-only badge", async ({
  page,
}) => {
  const s = uniqueSuffix();
  const name = `Findable ${s}`;
  await signIn(page, E2E.users.adminA);
  await addIdentity(page, name, `FD-${s}`);
  await uploadDirect(page, name, photos.other);
  await page.getByRole("link", { name: "Search by face" }).click();
  await expect(page).toHaveURL(/\/search$/);
  await page.getByLabel("Photo", { exact: true }).setInputFiles(photos.other);
  await page.getByRole("button", { name: "Search" }).click();
  const first = page.getByTestId("search-match").first();
  await expect(first).toContainText(name);
  await expect(first).toContainText("match");
  await page.getByLabel("Photo", { exact: true }).setInputFiles(photos.cartoon);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText(/No face was found/)).toBeVisible();
});
