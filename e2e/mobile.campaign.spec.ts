import { readFileSync } from "node:fs";
import { devices, expect, test, type Page } from "@playwright/test";
import { E2E } from "./env";
import { addWave, deskAdminPage, identityRow, signIn } from "./helpers";
import { photoFiles } from "./photos";

let photos: Awaited<ReturnType<typeof photoFiles>>;
test.beforeAll(async () => {
  photos = await photoFiles();
});

/** The CSV a download button saves: UTF-8 with a BOM, one row per person. */
async function downloadCsv(page: Page, button: string) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: button }).click(),
  ]);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = bytes.subarray(3).toString("utf8").trimEnd().split("\r\n");
  expect(header).toBe("External ID,Name,Email,URL,Expires (UTC)");
  return rows.map((line) => {
    const [externalId, name, email, url, expires] = line.split(",");
    return { externalId: externalId!, name: name!, email: email!, url: url!, expires: expires! };
  });
}

async function upload(page: Page, file: string, button = "Upload") {
  await page.getByTestId("choose-photo-input").setInputFiles(file);
  await page.getByRole("button", { name: button, exact: true }).click();
}

test("a campaign over 'no portrait': CSV, a failed and a good upload on phones, live counts, Remind for the rest", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const admin = await deskAdminPage(browser);
  const wave = await addWave(admin, "Wave", ["Aoi", "Ben", "Chie", "Dan"]);
  // Dan already has a portrait: "No portrait" leaves him out.
  await admin.getByRole("button", { name: `Change photo of ${wave} Dan` }).click();
  await admin.getByRole("dialog").locator('input[type="file"]').setInputFiles(photos.good);
  await admin.getByRole("dialog").getByRole("button", { name: "Upload photo" }).click();
  await expect(admin.getByRole("dialog")).toBeHidden();
  await expect(identityRow(admin, `${wave} Dan`)).toContainText("Searchable");

  // Select "no portrait" (and this test's people) and start a campaign over all that match.
  await admin.getByLabel("Search by name or external ID").fill(wave);
  await admin.getByLabel("Filter").selectOption("no_portrait");
  await admin.getByRole("button", { name: "Search" }).click();
  await expect(admin.getByTestId("identity-row")).toHaveCount(3);
  await admin.getByRole("button", { name: "Ask all 3 that match for a photo…" }).click();
  const dialog = admin.getByRole("dialog");
  await dialog.getByLabel("Campaign name").fill(`${wave} refresh`);
  await expect(dialog.getByLabel("Email each person who has an address their link")).toBeDisabled();
  await expect(dialog).toContainText("set SMTP_URL and MAIL_FROM");
  await dialog.getByRole("button", { name: "Continue" }).click();
  await expect(dialog).toContainText("Ask 3 people for a photo?");
  await dialog.getByRole("button", { name: "Start campaign (3)" }).click();
  await expect(dialog.getByTestId("campaign-created")).toContainText("3 links issued");
  const links = await downloadCsv(admin, "Download CSV");
  expect(links.map((l) => l.name).sort()).toEqual([`${wave} Aoi`, `${wave} Ben`, `${wave} Chie`]);
  expect(links.every((l) => /^http:\/\/localhost:\d+\/upload\/upl_[\w-]{43}$/.test(l.url))).toBe(true);
  const linkOf = (who: string) => links.find((l) => l.name === `${wave} ${who}`)!.url;

  // Two people open their links on their phones: Aoi's photo is too dark, Ben's is good.
  await page.goto(linkOf("Aoi"));
  await upload(page, photos.dark);
  await expect(page.getByText("Please take another photo")).toBeVisible({ timeout: 30_000 });
  const phone2 = await browser.newPage({ ...devices["Pixel 7"] });
  await phone2.goto(linkOf("Ben"));
  await upload(phone2, photos.good);
  await expect(phone2.getByTestId("upload-done")).toContainText("Your photo has been registered");

  // The campaign page: 1 failed attempt with its reason, 1 uploaded.
  await dialog.getByRole("link", { name: "Open the campaign page" }).click();
  await expect(admin.getByRole("heading", { name: `${wave} refresh` })).toBeVisible();
  await expect(admin.getByTestId("count-issued")).toContainText("3");
  await expect(admin.getByTestId("count-opened")).toContainText("2");
  await expect(admin.getByTestId("count-failed_check")).toContainText("1");
  await expect(admin.getByTestId("count-uploaded")).toContainText("1");
  await expect(admin.getByTestId("failure-reasons")).toContainText("1 failed attempt by 1 person");
  await expect(admin.getByTestId("failure-reasons")).toContainText("TOO_DARK");
  await admin.getByTestId("count-uploaded").click();
  await expect(admin.getByTestId("campaign-member")).toHaveCount(1);
  await expect(admin.getByTestId("campaign-member")).toContainText(`${wave} Ben`);
  await admin
    .getByTestId("failure-reasons")
    .getByRole("link", { name: /TOO_DARK/ })
    .click();
  await expect(admin.getByTestId("campaign-member")).toContainText(`${wave} Aoi`);

  // Remind: a new link for the two who have not uploaded; Aoi's old link stops working.
  await admin.getByRole("button", { name: "Remind 2 who have not uploaded…" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Issue 2 new links" }).click();
  await expect(admin.getByTestId("reminded")).toContainText("2 new links issued");
  const fresh = await downloadCsv(admin, "Download CSV");
  expect(fresh.map((l) => l.name).sort()).toEqual([`${wave} Aoi`, `${wave} Chie`]);
  expect(fresh.find((l) => l.name === `${wave} Aoi`)!.url).not.toBe(linkOf("Aoi"));
  await page.goto(linkOf("Aoi"));
  await expect(page.getByTestId("invalid-link")).toBeVisible();
  await page.goto(fresh.find((l) => l.name === `${wave} Aoi`)!.url);
  await expect(page.getByRole("button", { name: "Choose photo" })).toBeVisible();
  await admin.keyboard.press("Escape");
  await admin.reload();
  await expect(admin.getByTestId("count-not_uploaded")).toContainText("2");
  await expect(admin.getByTestId("replaced-on-create")).toContainText("1 reminder sent");
});

test("reject with a reason: the admin gets a new link of the campaign and the reason in the person's language; a reviewer is not offered it", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const admin = await deskAdminPage(browser);
  const wave = await addWave(admin, "Review", ["Eri"]);
  const name = `${wave} Eri`;
  await admin.getByRole("checkbox", { name: `Select ${name}` }).check();
  await admin.getByRole("button", { name: "Ask 1 selected for a photo…" }).click();
  const dialog = admin.getByRole("dialog");
  await dialog.getByLabel("Require approval after the upload").check();
  await dialog.getByRole("button", { name: "Continue" }).click();
  await dialog.getByRole("button", { name: "Start campaign (1)" }).click();
  const [link] = await downloadCsv(admin, "Download CSV");
  await dialog.getByRole("link", { name: "Open the campaign page" }).click();
  await admin.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
  const campaignUrl = admin.url();

  // The person's phone asks for Japanese: the reason will be written in Japanese.
  const phone = await browser.newPage({ ...devices["Pixel 7"], locale: "ja-JP" });
  await phone.goto(link!.url);
  await upload(phone, photos.good, "アップロード");
  await expect(phone.getByTestId("upload-done")).toBeVisible();

  const reviewer = await browser.newPage();
  await signIn(reviewer, E2E.users.reviewerA);
  await reviewer.goto("/approvals");
  await reviewer.getByRole("button", { name: `Review photo of ${name}` }).click();
  await expect(reviewer.getByRole("dialog").getByRole("button", { name: "Approve" })).toBeVisible();
  await expect(reviewer.getByRole("button", { name: "Reject and send a new link…" })).toHaveCount(0);

  await admin.goto("/approvals");
  await admin.getByRole("button", { name: `Review photo of ${name}` }).click();
  const viewer = admin.getByRole("dialog");
  await viewer.getByRole("button", { name: "Reject and send a new link…" }).click();
  await viewer.getByLabel("Reason (the person reads it in their language)").selectOption("FACE_COVERED");
  await expect(viewer.getByLabel("Language", { exact: true })).toHaveValue("ja");
  await viewer.getByRole("button", { name: "Reject and send a new link" }).click();
  const done = viewer.getByTestId("rejected-with-new-link");
  await expect(done).toContainText("お顔の一部が隠れています");
  const fresh = await done.getByRole("textbox", { name: "Upload link" }).inputValue();
  expect(fresh).not.toBe(link!.url);
  await phone.goto(link!.url);
  await expect(phone.getByTestId("invalid-link")).toBeVisible();
  await phone.goto(fresh);
  await expect(phone.getByRole("button", { name: "写真を選ぶ" })).toBeVisible();

  await admin.goto(campaignUrl);
  await expect(admin.getByTestId("count-not_uploaded")).toContainText("1");
  await expect(admin.getByTestId("count-uploaded")).toContainText("0");
  await page.close();
});
