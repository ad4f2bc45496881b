import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { IMAGE_INPUTS, exifOriented } from "@/test/image-inputs";
import { sql } from "./http";
import { arrangeLink, linkUsed, portraitsOf } from "./links";

/**
 * What the person's page (/upload/{token}, Chromium as on an Android phone) does with the files of
 * test/image-inputs.ts: it shrinks what the browser can decode to a JPEG before sending, and sends
 * the rest as it is for the server to refuse. Either way the person ends with the server's decision
 * and its message in the page's language, and the stored photo is what the other doors store.
 */

test.describe.configure({ timeout: 90_000 });

const inputNamed = (name: string) => IMAGE_INPUTS.find((i) => i.name === name)!;

async function choose(page: Page, token: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.goto(`/upload/${token}`);
  await page.getByTestId("choose-photo-input").setInputFiles(file);
  const upload = page.getByRole("button", { name: /^(Upload|アップロード)$/ });
  await expect(upload).toBeEnabled();
  await upload.click();
}

async function chooseInput(page: Page, token: string, name: string) {
  const input = inputNamed(name);
  await choose(page, token, { name: input.fileName, mimeType: input.type, buffer: await input.bytes() });
}

const storedImage = async (identityId: string) =>
  (await sql<{ image: Buffer }[]>`select image from portraits where identity_id = ${identityId}`)[0]!.image;

test("the file chooser offers only what the server reads: no HEIC, which a Mac's Safari then converts to JPEG", async ({
  page,
}) => {
  const { token } = await arrangeLink("IMGP", "Phone input");
  await page.goto(`/upload/${token}`);
  await expect(page.getByTestId("choose-photo-input")).toHaveAttribute(
    "accept",
    "image/jpeg,image/png,image/webp,image/avif",
  );
});

test("a cut-out portrait (transparent PNG) is stored on white, as the API and the console store it", async ({
  page,
}) => {
  const { identityId, token } = await arrangeLink("IMGP", "Phone input");
  await chooseInput(page, token, "PNG, transparent background");
  await expect(page.getByTestId("upload-done")).toBeVisible();
  // The corners were transparent: the canvas must not turn them black.
  const { data, info } = await sharp(await storedImage(identityId))
    .raw()
    .toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => data[(y * info.width + x) * info.channels]!;
  for (const [x, y] of [
    [2, 2],
    [info.width - 3, 2],
    [2, info.height - 3],
    [info.width - 3, info.height - 3],
  ] as const)
    expect(at(x, y), `corner ${x},${y}`).toBeGreaterThan(230);
});

test("a big sideways phone photo (EXIF orientation 6) is shrunk in the browser and stored upright", async ({
  page,
}) => {
  const big = await sharp(await exifOriented(1))
    .resize(2250, 3000)
    .toBuffer();
  const sideways = await sharp(await sharp(big).rotate(270).toBuffer())
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 90 })
    .toBuffer();
  const { identityId, token } = await arrangeLink("IMGP", "Phone input");
  await choose(page, token, { name: "IMG_0003.JPG", mimeType: "image/jpeg", buffer: sideways });
  await expect(page.getByTestId("upload-done")).toBeVisible();
  const meta = await sharp(await storedImage(identityId)).metadata();
  expect(meta.height!).toBeGreaterThan(meta.width!);
});

const REFUSED: { name: string; en: RegExp; ja: RegExp }[] = [
  {
    name: "HEIC (iPhone header)",
    en: /HEIC photos are not supported/,
    ja: /HEIC形式の写真には対応していません/,
  },
  {
    name: "SVG with a script",
    en: /This file type is not supported/,
    ja: /このファイル形式には対応していません/,
  },
  { name: "TIFF", en: /This file type is not supported/, ja: /このファイル形式には対応していません/ },
  { name: "truncated JPEG", en: /This photo could not be read/, ja: /写真を読み込めませんでした/ },
  { name: "zero bytes", en: /This photo could not be read/, ja: /写真を読み込めませんでした/ },
];

for (const locale of ["en", "ja"] as const) {
  test.describe(`a file the browser cannot read is refused by the server, in ${locale}`, () => {
    test.use({ locale: locale === "ja" ? "ja-JP" : "en-US" });
    for (const refused of REFUSED) {
      test(`${refused.name}: the server's message, the link still usable`, async ({ page }) => {
        const { identityId, token } = await arrangeLink("IMGP", "Phone input");
        await chooseInput(page, token, refused.name);
        // Next's route announcer is an alert too: the page's own is the one that says what to fix.
        const fixTitle = locale === "ja" ? "写真を撮り直してください" : "Please take another photo";
        const alert = page.getByRole("alert").filter({ hasText: fixTitle });
        await expect(alert).toContainText(locale === "ja" ? refused.ja : refused.en);
        expect(await portraitsOf(identityId)).toBe(0);
        expect(await linkUsed(token)).toBe(false);
      });
    }
  });
}

/** What the browser can decode is sent as a JPEG still: the first frame of a GIF, a BMP's pixels. */
for (const name of ["animated GIF (face first)", "BMP", "CMYK JPEG", "16-bit PNG", "AVIF"]) {
  test(`${name}: decoded by the browser, sent as a JPEG, accepted`, async ({ page }) => {
    const { identityId, token } = await arrangeLink("IMGP", "Phone input");
    await chooseInput(page, token, name);
    await expect(page.getByTestId("upload-done")).toBeVisible();
    expect(await portraitsOf(identityId)).toBe(1);
  });
}

test("a big truncated JPEG is refused as unreadable, not shrunk in the browser with its bottom missing", async ({
  page,
}) => {
  const big = await sharp(await exifOriented(1))
    .resize(2250, 3000)
    .jpeg({ quality: 90 })
    .toBuffer();
  const { identityId, token } = await arrangeLink("IMGP", "Phone input");
  await choose(page, token, {
    name: "cut.jpg",
    mimeType: "image/jpeg",
    buffer: big.subarray(0, big.length * 0.6),
  });
  const alert = page.getByRole("alert").filter({ hasText: "Please take another photo" });
  await expect(alert).toContainText("This photo could not be read");
  expect(await portraitsOf(identityId)).toBe(0);
});

test.describe("a file over 15 MB the browser cannot shrink (a scanner's TIFF)", () => {
  test.use({ locale: "ja-JP" });
  test("is refused with the size message in the page's language, not “something went wrong”", async ({
    page,
  }) => {
    // Uncompressed, 2 600 × 2 600 RGB is a 20 MB TIFF, which Chromium cannot decode.
    const side = 2600;
    const tiff = await sharp(Buffer.alloc(side * side * 3, 0x5a), {
      raw: { width: side, height: side, channels: 3 },
    })
      .tiff({ compression: "none" })
      .toBuffer();
    expect(tiff.length).toBeGreaterThan(16 * 1024 * 1024);
    const { identityId, token } = await arrangeLink("IMGP", "Phone input");
    await choose(page, token, { name: "scan.tif", mimeType: "image/tiff", buffer: tiff });
    const alert = page.getByRole("alert").filter({ hasText: "写真を撮り直してください" });
    await expect(alert).toContainText("ファイルが大きすぎます。15MB未満の写真を送ってください。");
    expect(await portraitsOf(identityId)).toBe(0);
  });
});
