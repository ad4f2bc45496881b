import { chromium, devices, expect, test, type Browser, type Page } from "@playwright/test";
import { seededApiKeys } from "./api-keys";
import { seriousAccessibilityIssues } from "./axe";
import { E2E } from "./env";
import { chromiumPath } from "./playwright-base";
import { cameraVideos, fakeCameraArgs, issueLinkByApi } from "./fake-camera";
import { photoFiles } from "./photos";

/**
 * The live camera on the upload page, with Chromium's fake camera playing videos made from the test
 * photos. Each case runs in English and in Japanese (the page's language follows the browser's).
 */
let videos: Awaited<ReturnType<typeof cameraVideos>>;
let photos: Awaited<ReturnType<typeof photoFiles>>;
test.beforeAll(async () => {
  videos = await cameraVideos();
  photos = await photoFiles();
});

const words = {
  en: {
    takePhoto: "Take photo",
    tooDark: /too dark/i,
    twoFaces: "Only your face should be in the picture",
    retake: "Retake",
    upload: "Upload",
    done: "Your photo has been registered",
    denied: "permission was refused",
    choose: "Choose photo",
  },
  ja: {
    takePhoto: "写真を撮る",
    tooDark: /暗すぎます/,
    twoFaces: "あなたの顔だけが写るようにしてください",
    retake: "撮り直す",
    upload: "アップロード",
    done: "顔写真が登録されました",
    denied: "許可されていません",
    choose: "写真を選ぶ",
  },
} as const;

// The face guide runs on the CPU here (no GPU in CI), beside the server, on a small shared machine.
test.describe.configure({ timeout: 180_000 });

const browsers: Browser[] = [];
test.afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
});

/** A phone whose camera plays `video` (permission granted), or whose camera permission is refused. */
async function phone(camera: { video: string } | "denied", locale: "en" | "ja"): Promise<Page> {
  const args = [
    "--no-sandbox",
    "--disable-gpu",
    ...(camera === "denied"
      ? ["--use-fake-device-for-media-stream", "--deny-permission-prompts"]
      : fakeCameraArgs(camera.video)),
  ];
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args,
  });
  browsers.push(browser);
  const context = await browser.newContext({
    ...devices["Pixel 7"],
    locale: locale === "ja" ? "ja-JP" : "en-US",
  });
  return context.newPage();
}

const link = () => issueLinkByApi(E2E.seededUrl, seededApiKeys().a, "LIVE");

for (const locale of ["en", "ja"] as const) {
  const w = words[locale];
  test.describe(`live capture (${locale})`, () => {
    test("a dark video says 'too dark' and never takes the photo", async () => {
      const page = await phone({ video: videos.dark }, locale);
      await page.goto(await link());
      await page.getByRole("button", { name: w.takePhoto }).click();
      const camera = page.getByTestId("live-camera");
      await expect(page.getByTestId("capture-hint")).toHaveText(w.tooDark, { timeout: 45_000 });
      // Keep watching for a while: many checks, every one "too dark", no photo taken.
      const checks = Number(await camera.getAttribute("data-checks"));
      await expect
        .poll(async () => Number(await camera.getAttribute("data-checks")), { timeout: 30_000 })
        .toBeGreaterThan(checks + 8);
      await expect(camera).toHaveAttribute("data-hint", "TOO_DARK");
      await expect(page.getByRole("button", { name: w.upload })).toHaveCount(0);
      await expect(page.getByRole("button", { name: w.retake })).toHaveCount(0);
      expect(await seriousAccessibilityIssues(page)).toEqual([]);
    });

    test("a video with two people says only one face", async () => {
      const page = await phone({ video: videos.twoFaces }, locale);
      await page.goto(await link());
      await page.getByRole("button", { name: w.takePhoto }).click();
      await expect(page.getByTestId("capture-hint")).toContainText(w.twoFaces, { timeout: 45_000 });
      await expect(page.getByTestId("live-camera")).toHaveAttribute("data-hint", "MULTIPLE_FACES");
    });

    test("a good video is taken by itself, can be retaken, and the upload succeeds", async () => {
      const page = await phone({ video: videos.good }, locale);
      await page.goto(await link());
      await page.getByRole("button", { name: w.takePhoto }).click();
      // Auto-capture: the preview with Retake and Upload, nobody pressed the shutter.
      await expect(page.getByRole("button", { name: w.retake })).toBeVisible({ timeout: 60_000 });
      await page.getByRole("button", { name: w.retake }).click();
      await expect(page.getByRole("button", { name: w.retake })).toBeVisible({ timeout: 60_000 });
      await page.getByRole("button", { name: w.upload, exact: true }).click();
      await expect(page.getByTestId("upload-done")).toContainText(w.done);
    });

    test("a refused camera falls back to choosing a photo, with a short explanation", async () => {
      const page = await phone("denied", locale);
      await page.goto(await link());
      await page.getByRole("button", { name: w.takePhoto }).click();
      await expect(page.getByTestId("camera-fallback")).toContainText(w.denied);
      await expect(page.getByRole("button", { name: w.choose })).toBeVisible();
      await page.getByTestId("choose-photo-input").setInputFiles(photos.good);
      await page.getByRole("button", { name: w.upload, exact: true }).click();
      await expect(page.getByTestId("upload-done")).toContainText(w.done);
    });
  });
}

test("the face engine downloads with a valid link's page, at low priority, and not with a dead link's", async ({
  page,
}) => {
  await page.goto(await link());
  // React may hoist the same hint twice; what matters is which files are asked for, and how.
  const hrefs = async (selector: string) =>
    new Set(await page.locator(selector).evaluateAll((links) => links.map((l) => l.getAttribute("href"))));
  const engine = await hrefs('head link[rel="modulepreload"][href*="/face-model/"]');
  expect([...engine].map((h) => h?.split("/").pop())).toEqual(["human.esm.js"]);
  const models = await hrefs(
    'head link[rel="preload"][as="fetch"][fetchpriority="low"][href*="/face-model/"]',
  );
  expect([...models].map((h) => h?.split("/").pop()).sort()).toEqual([
    "blazeface.bin",
    "blazeface.json",
    "facemesh.bin",
    "facemesh.json",
  ]);
  await page.goto(`${E2E.seededUrl}/upload/not-a-real-token`);
  await expect(page.locator('link[href*="/face-model/"]')).toHaveCount(0);
});

test("the person's page does not carry the console's messages; the sign-in page does", async ({
  request,
}) => {
  // The console's catalogue (about 24 KB) once went out with every page, the phone's included.
  const consoleOnly = "auditSentence";
  const upload = await (await request.get(await link())).text();
  expect(upload).toContain('data-testid="choose-photo-input"');
  expect(upload).not.toContain(consoleOnly);
  expect(await (await request.get(`${E2E.seededUrl}/login`)).text()).toContain(consoleOnly);
});
