import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./env";
import { deskAdminPage, identityRow, identityWithLink, issueLink } from "./helpers";
import { photoFiles } from "./photos";

let photos: Awaited<ReturnType<typeof photoFiles>>;
test.beforeAll(async () => {
  photos = await photoFiles();
});

async function choose(page: Page, file: string) {
  await page.getByTestId("choose-photo-input").setInputFiles(file);
  await page.getByRole("button", { name: "Upload" }).click();
}

test("default link: a bad photo gets a fix-it message, a good one registers, and the link is dead afterwards", async ({
  page,
  browser,
}) => {
  const admin = await deskAdminPage(browser);
  const { name, url } = await identityWithLink(admin, "Mobile Default", "MD");
  await admin.reload();
  // As rendered, not only as text content: a flex badge once swallowed the space ("expiresin 7 days").
  expect(await identityRow(admin, name).innerText()).toMatch(/Link active · expires in 7 days/);

  const seen: string[] = [];
  page.on("request", (r) => seen.push(r.url()));
  const response = await page.goto(url);
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  expect(response?.headers()["x-robots-tag"]).toContain("noindex");
  expect(response?.headers()["cache-control"]).toContain("no-store");
  await expect(page.getByText(E2E.orgA, { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Take photo" })).toBeVisible();
  // No approval on this link: nothing says a reviewer will look first.
  await expect(page.getByText(/will check your photo/)).toHaveCount(0);

  await choose(page, photos.dark);
  await expect(page.getByText("Please take another photo")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/too dark/i)).toBeVisible();
  await expect(page.getByRole("heading", { name: "For a good photo" })).toBeVisible();
  await choose(page, photos.good);
  await expect(page.getByTestId("upload-done"), { message: "upload finished" }).toContainText(
    "Your photo has been registered",
  );
  // Done: the tips for taking the photo are gone, the thank-you stands alone.
  await expect(page.getByRole("heading", { name: "For a good photo" })).toBeHidden();
  expect(
    seen.every((u) => u.startsWith(E2E.seededUrl) || u.startsWith("blob:") || u.startsWith("data:")),
  ).toBe(true);

  await page.goto(url);
  await expect(page.getByTestId("invalid-link")).toBeVisible();
  await admin.reload();
  const row = identityRow(admin, name);
  await expect(row.getByRole("img", { name: `Portrait of ${name}` })).toBeVisible();
  await expect(row).toContainText("Searchable");
  await expect(row).not.toContainText("Link active");
});

test("'do not store' + 'require approval': the person is told it will be reviewed, the identity shows a pending approval", async ({
  page,
  browser,
}) => {
  const admin = await deskAdminPage(browser);
  const { name, url } = await identityWithLink(admin, "Mobile Approval", "MA", {
    doNotStore: true,
    requireApproval: true,
  });
  await page.goto(url);
  // Told before choosing a photo, not only after sending it.
  await expect(page.getByText(/will check your photo before it is used/)).toBeVisible();
  await choose(page, photos.good);
  await expect(page.getByTestId("upload-done"), { message: "upload finished" }).toContainText(
    "will be reviewed",
  );
  await admin.reload();
  const row = identityRow(admin, name);
  await expect(row).toContainText("Pending approval");
  await expect(row).toContainText("No portrait");
});

test("'do not perform a quality check': a photo without a face is accepted and marked not searchable", async ({
  page,
  browser,
}) => {
  const admin = await deskAdminPage(browser);
  const { name, url } = await identityWithLink(admin, "Mobile NoCheck", "MN", {
    skipQualityCheck: true,
    doNotStore: true,
  });
  await page.goto(url);
  await choose(page, photos.cartoon);
  await expect(page.getByTestId("upload-done"), { message: "upload finished" }).toBeVisible();
  await admin.reload();
  const row = identityRow(admin, name);
  await expect(row).toContainText("Not searchable");
  // "Do not store": no thumbnail, initials instead.
  await expect(row.getByRole("img", { name: `Portrait of ${name}` })).toHaveCount(0);
});

test("a new link kills the old one; opening a link (GET/HEAD) never consumes it", async ({
  page,
  browser,
}) => {
  const admin = await deskAdminPage(browser);
  const { name, url: first } = await identityWithLink(admin, "Mobile Reissue", "MR");
  for (let i = 0; i < 3; i++) {
    expect(
      (
        await page.request.head(first, {
          headers: { "user-agent": "Mozilla/5.0 (compatible; LinkPreview/1.0)" },
        })
      ).status(),
    ).toBe(200);
    expect((await page.request.get(first)).status()).toBe(200);
  }
  await page.goto(first);
  await expect(page.getByRole("button", { name: "Choose photo" })).toBeVisible();
  const second = await issueLink(admin, name);
  await page.goto(first);
  await expect(page.getByTestId("invalid-link")).toBeVisible();
  const dead = await page.request.post(`/api/public/uploads/${first.split("/upload/")[1]}`, {
    multipart: { image: { name: "a.jpg", mimeType: "image/jpeg", buffer: Buffer.from("x") } },
  });
  expect(dead.status()).toBe(410);
  await page.goto(second);
  await choose(page, photos.good);
  await expect(page.getByTestId("upload-done"), { message: "upload finished" }).toBeVisible();
});

test("revoking the active link from the console makes it invalid", async ({ page, browser }) => {
  const admin = await deskAdminPage(browser);
  const { name, url } = await identityWithLink(admin, "Mobile Revoke", "MV");
  await admin.reload();
  await admin.getByRole("button", { name: `Change photo of ${name}` }).click();
  // Revoking cannot be undone: the first click only asks (the walk found it revoked at once).
  const dialog = admin.getByRole("dialog");
  await dialog.getByRole("button", { name: "Revoke link…", exact: true }).click();
  await expect(dialog).toContainText("Revoke this link?");
  await dialog.getByRole("button", { name: "Keep link" }).click();
  await expect(dialog.getByTestId("active-link")).toContainText("A self-registration link is active");
  await dialog.getByRole("button", { name: "Revoke link…", exact: true }).click();
  await dialog.getByRole("button", { name: "Revoke link", exact: true }).click();
  await expect(dialog).toContainText("Link revoked");
  await page.goto(url);
  await expect(page.getByTestId("invalid-link")).toBeVisible();
});
