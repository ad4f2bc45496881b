import { spawn, type ChildProcess } from "node:child_process";
import { devices, expect, test } from "@playwright/test";
import { TestSmtpServer } from "@/test/smtp";
import { E2E } from "./env";
import { addWave, signIn } from "./helpers";
import { waitForHealth } from "./server-health";

/**
 * The app's own mail worker (started by instrumentation.ts) against a real SMTP server: a
 * production server of its own (port BASE+4) started with SMTP_URL and MAIL_FROM, a campaign
 * mailed from the console, the mail read from the SMTP server and its link opened on a phone.
 */
const port = E2E.seededPort + 4;
const baseUrl = `http://localhost:${port}`;
let smtp: TestSmtpServer;
let server: ChildProcess;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  smtp = await new TestSmtpServer({ port: E2E.seededPort + 5 }).start();
  server = spawn("bash", ["scripts/e2e-server.sh", String(port), "seed"], {
    env: {
      ...process.env,
      SMTP_URL: smtp.url,
      MAIL_FROM: "Identity Manager <no-reply@e2e.test>",
      MAIL_TIME_ZONE: "Asia/Tokyo",
    },
    stdio: "ignore",
    detached: true,
  });
  await waitForHealth(baseUrl, "the mail server's app did not start", 300);
});

test.afterAll(async () => {
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
  await smtp?.stop();
});

test("a mailed campaign: the app's worker sends each person their link in Japanese; the link works on a phone", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const admin = await (
    await browser.newContext({ viewport: { width: 1280, height: 900 }, isMobile: false })
  ).newPage();
  await signIn(admin, E2E.users.adminA, E2E.password, baseUrl);
  const wave = await addWave(admin, "Mail", ["Hana", "Ken"], { Hana: "hana@e2e.test" });
  await admin.getByLabel("Search by name or external ID").fill(wave);
  await admin.getByRole("button", { name: "Search" }).click();
  await admin.getByRole("button", { name: "Ask all 2 that match for a photo…" }).click();
  const dialog = admin.getByRole("dialog");
  await dialog.getByLabel("Language of the emails").selectOption("ja");
  await dialog.getByLabel("Email each person who has an address their link").check();
  await dialog.getByRole("button", { name: "Continue" }).click();
  await expect(dialog).toContainText("1 will get an email");
  await dialog.getByRole("button", { name: "Start campaign (2)" }).click();
  await expect(dialog.getByTestId("campaign-created")).toContainText("2 links issued; 1 email queued");

  const [mail] = await smtp.waitFor(1, 30_000);
  expect(mail!.to).toBe("hana@e2e.test");
  expect(mail!.subject).toBe(`【${E2E.orgA}】顔写真登録のお願い`);
  expect(mail!.text).toContain(`${wave} Hana 様`);
  const url = /http:\/\/localhost:\d+\/upload\/upl_[\w-]{43}/.exec(mail!.text)![0];

  const phone = await browser.newPage({ ...devices["Pixel 7"], locale: "ja-JP" });
  await phone.goto(url);
  await expect(phone.getByRole("button", { name: "写真を選ぶ" })).toBeVisible();

  await dialog.getByRole("link", { name: "Open the campaign page" }).click();
  await expect(admin.getByTestId("count-delivered")).toContainText("1");
  await expect(admin.getByTestId("count-not_mailed")).toContainText("1");
  await expect(admin.getByTestId("count-opened")).toContainText("1");
  await new Promise((r) => setTimeout(r, 1_000));
  expect(smtp.received).toHaveLength(1);
});
