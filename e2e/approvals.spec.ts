import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { E2E } from "./env";
import {
  addIdentity,
  addUniqueIdentity,
  identityRow,
  identityWithLink,
  issueLink,
  signIn,
  uniqueSuffix,
} from "./helpers";
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

/** Each decision waits out its undo window (decision-hold.tsx) before it is applied: allow two minutes. */
const allowForUndoWindows = () => test.setTimeout(120_000);

async function pendingBadge(page: Page): Promise<number> {
  const badge = page.getByTestId("pending-badge");
  return (await badge.count()) ? Number(await badge.textContent()) : 0;
}

test("approve: the reviewer compares, sees the duplicate, approves, and the identity gets the new portrait", async ({
  page,
  request,
}) => {
  allowForUndoWindows();
  await signIn(page, E2E.users.adminA);
  const name = await addUniqueIdentity(page, "Approve Me", "AP");
  const twin = await addUniqueIdentity(page, "Twin Of", "TW");
  await uploadDirect(page, name, photos.good);
  await uploadDirect(page, twin, photos.good);
  const before = await pendingBadge(page);

  const url = await issueLink(page, name, { requireApproval: true });
  await personUploads(request, url, photos.good);
  await page.reload();
  await expect(page.getByTestId("pending-badge")).toHaveText(String(before + 1));
  await expect(identityRow(page, name)).toContainText("Pending approval");

  // The review window on a laptop: both photos, the verdict, the duplicates and the buttons, no scrolling.
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByRole("link", { name: /Approvals/ }).click();
  const row = page.getByTestId("approval-row").filter({ hasText: name });
  await expect(row).toContainText("Passed");
  await row.getByRole("button", { name: `Review photo of ${name}` }).click();
  const viewer = page.getByRole("dialog");
  await expect(viewer.getByRole("img", { name: `Uploaded photo of ${name}` })).toBeInViewport();
  await expect(viewer.getByRole("img", { name: `Current portrait of ${name}` })).toBeInViewport();
  await expect(viewer.getByTestId("verdict")).toContainText("Same person");
  await expect(viewer.getByTestId("verdict")).toBeInViewport();
  await expect(viewer.getByTestId("duplicates")).toContainText(twin);
  await expect(viewer.getByTestId("duplicates")).toContainText(/\d+ % — same person/);
  for (const button of ["Approve", "Reject"])
    await expect(viewer.getByRole("button", { name: button, exact: true })).toBeInViewport({ ratio: 1 });
  expect(await viewer.evaluate((el) => el.scrollHeight <= el.clientHeight)).toBe(true);

  // A clear duplicate is not approved with one ordinary click: it asks who it matches and why.
  await viewer.getByRole("button", { name: "Approve", exact: true }).click();
  const confirm = viewer.getByTestId("confirm-decision");
  await expect(confirm).toContainText(twin);
  await expect(confirm).toContainText(/\d+ % — same person/);
  await confirm.getByRole("button", { name: "Approve anyway" }).click();
  await expect(confirm).toContainText("Say why you approve a photo that matches someone else.");
  await confirm.getByLabel("Why approve it anyway?").fill("Twins, checked their ID cards");
  await confirm.getByRole("button", { name: "Approve anyway" }).click();
  await expect(viewer).toBeHidden();
  await expect(page.getByTestId("approval-row").filter({ hasText: name })).toHaveCount(0);
  const notice = page.getByTestId("decision-notice");
  await expect(notice).toContainText(`Approved ${name}`);
  await expect(notice).toContainText("1 approved.");

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
  allowForUndoWindows();
  await signIn(page, E2E.users.adminA);
  const { name, url } = await identityWithLink(page, "Reject Me", "RJ", {
    requireApproval: true,
    doNotStore: true,
  });
  await personUploads(request, url, photos.other);

  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, E2E.users.reviewerA);
  const row = reviewer.getByTestId("approval-row").filter({ hasText: name });
  await expect(row).toContainText("Image not kept");
  // Reject asks why; Undo within the notice's seconds leaves the request untouched.
  await row.getByRole("button", { name: "Reject", exact: true }).click();
  const confirm = reviewer.getByRole("dialog").getByTestId("confirm-decision");
  await confirm.getByRole("button", { name: "Reject", exact: true }).click();
  await expect(confirm).toContainText("Choose why the photo is rejected.");
  await confirm.getByLabel("Why reject this photo?").selectOption("NOT_THE_PERSON");
  await confirm.getByLabel(/^Note/).fill("Someone else entirely");
  await confirm.getByRole("button", { name: "Reject", exact: true }).click();
  await expect(reviewer.getByTestId("approval-row").filter({ hasText: name })).toHaveCount(0);
  const notice = reviewer.getByTestId("decision-notice");
  await expect(notice).toContainText(`Rejected ${name}`);
  await notice.getByRole("button", { name: "Undo" }).click();
  await expect(notice).toContainText("Undone: nothing was changed.");
  await expect(row).toBeVisible();
  // Held, never sent: after the undo window and a reload, it is still waiting.
  await reviewer.waitForTimeout(7_000);
  await reviewer.reload();
  await expect(reviewer.getByTestId("approval-row").filter({ hasText: name })).toHaveCount(1);

  await row.getByRole("button", { name: "Reject", exact: true }).click();
  await confirm.getByLabel("Why reject this photo?").selectOption("NOT_THE_PERSON");
  await confirm.getByLabel(/^Note/).fill("Someone else entirely");
  await confirm.getByRole("button", { name: "Reject", exact: true }).click();
  await expect(notice).toContainText("1 rejected.");
  await reviewerContext.close();

  // The rejection stays on the identity's page, with its reason, note and who decided.
  await page.goto("/identities");
  await identityRow(page, name).getByRole("link", { name }).click();
  const rejected = page.getByTestId("rejected-uploads");
  await expect(rejected).toContainText("Rejected: Not this person");
  await expect(rejected).toContainText("Someone else entirely");
  await expect(rejected).toContainText(`by ${E2E.users.reviewerA}`);

  await page.goto("/identities");
  await expect(identityRow(page, name)).toContainText("No portrait");
  await expect(identityRow(page, name)).not.toContainText("Pending approval");
});

test("bulk approve several requests at once; another organization sees none of them", async ({
  page,
  browser,
  request,
}) => {
  allowForUndoWindows();
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

  // Someone already has this face: bulk approval asks for a confirmation too.
  await addIdentity(page, `Bulk Twin ${s}`, `BK-T-${s}`);
  await uploadDirect(page, `Bulk Twin ${s}`, photos.good);
  await page.goto("/approvals");
  for (const name of names) await page.getByRole("checkbox", { name: `Select ${name}` }).check();
  await page.getByRole("button", { name: "Approve (2)" }).click();
  const confirm = page.getByRole("dialog").getByTestId("confirm-decision");
  await expect(confirm).toContainText(`Bulk Twin ${s}`);
  await confirm.getByLabel("Why approve it anyway?").fill("Known twins");
  await confirm.getByRole("button", { name: "Approve anyway" }).click();
  for (const name of names)
    await expect(page.getByTestId("approval-row").filter({ hasText: name })).toHaveCount(0);
  await expect(page.getByTestId("decision-notice")).toContainText("2 approved.");
});

test("search by face finds the registered person first, with a thumbnail or a template-only badge", async ({
  page,
}) => {
  await signIn(page, E2E.users.adminA);
  const name = await addUniqueIdentity(page, "Findable", "FD");
  await uploadDirect(page, name, photos.other);
  await page.getByRole("link", { name: "Search by face" }).click();
  await expect(page).toHaveURL(/\/search$/);
  await page.getByLabel("Photo", { exact: true }).setInputFiles(photos.other);
  await page.getByRole("button", { name: "Search" }).click();
  const first = page.getByTestId("search-match").first();
  await expect(first).toContainText(name);
  await expect(first).toContainText(/\d+ % — same person/);
  await page.getByLabel("Photo", { exact: true }).setInputFiles(photos.cartoon);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText(/No face was found/)).toBeVisible();
  // No face: nobody is ranked, and no stale results from the photo before.
  await expect(page.getByTestId("search-match")).toHaveCount(0);
  // The photo it shows is not captioned "No file chosen".
  expect((await page.getByLabel("Photo", { exact: true }).boundingBox())!.width).toBeLessThanOrEqual(1);
  await expect(page.getByText("Change photo (cartoon.png)")).toBeVisible();
});

test("the approvals' thumbnails show on the first load, by sign-in and by the menu", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const s = uniqueSuffix();
  const names = [1, 2, 3].map((i) => `Thumb ${i} ${s}`);
  await signIn(page, E2E.users.adminA);
  for (const [i, name] of names.entries()) {
    await addIdentity(page, name, `TH${i}-${s}`);
    await personUploads(request, await issueLink(page, name, { requireApproval: true }), photos.good);
  }
  const decoded = async (p: Page, statuses: string[]) => {
    for (const name of names) {
      const thumb = p
        .getByTestId("approval-row")
        .filter({ hasText: name })
        .getByRole("button", { name: `Review photo of ${name}` })
        .locator("img");
      await expect(thumb).toBeVisible();
      await expect
        .poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
          message: `${name}'s thumbnail decoded (responses: ${statuses.join(", ")})`,
        })
        .toBeGreaterThan(0);
    }
  };
  const watch = (p: Page) => {
    const statuses: string[] = [];
    p.on("response", (r) => {
      if (r.url().includes("/api/approvals/")) statuses.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    return statuses;
  };

  // A reviewer's sign-in lands on the approvals: the first page they see, no reload.
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  const reviewerStatuses = watch(reviewer);
  await signIn(reviewer, E2E.users.reviewerA);
  await expect(reviewer).toHaveURL(/\/approvals$/);
  await decoded(reviewer, reviewerStatuses);
  await reviewerContext.close();

  // An admin lands on the identities and opens the approvals from the menu (a client-side navigation).
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const adminStatuses = watch(admin);
  await signIn(admin, E2E.users.adminA);
  await admin.getByRole("link", { name: /^Approvals/ }).click();
  await expect(admin).toHaveURL(/\/approvals$/);
  await decoded(admin, adminStatuses);
  await adminContext.close();
});
