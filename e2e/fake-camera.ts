/**
 * Fake cameras for Chromium (`--use-file-for-fake-video-capture`): YUV4MPEG2 videos written here
 * from the test photos with sharp, so no video tool is needed. Each video is a few frames of one
 * picture with a little sensor noise (a still picture is what a person holding still looks like).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { crop, darkJpeg, FRONTAL, TWO_FACES } from "@/test/photos";

/** Portrait, like a phone's front camera held upright. */
const WIDTH = 480;
const HEIGHT = 640;
const FRAMES = 6;

/** RGB → I420 (BT.601, studio range, as Chromium reads the file). */
function i420(rgb: Buffer, width: number, height: number): Buffer {
  const ySize = width * height;
  const cw = width / 2;
  const out = Buffer.alloc(ySize * 1.5);
  for (let i = 0, p = 0; i < ySize; i++, p += 3) {
    out[i] = Math.round(16 + 0.257 * rgb[p]! + 0.504 * rgb[p + 1]! + 0.098 * rgb[p + 2]!);
  }
  for (let y = 0; y < height / 2; y++)
    for (let x = 0; x < cw; x++) {
      let r = 0,
        g = 0,
        b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ]) {
        const p = ((2 * y + dy!) * width + 2 * x + dx!) * 3;
        r += rgb[p]!;
        g += rgb[p + 1]!;
        b += rgb[p + 2]!;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      out[ySize + y * cw + x] = Math.round(128 - 0.148 * r - 0.291 * g + 0.439 * b);
      out[ySize * 1.25 + y * cw + x] = Math.round(128 + 0.439 * r - 0.368 * g - 0.071 * b);
    }
  return out;
}

/** A .y4m of `picture` filling a WIDTH × HEIGHT frame, FRAMES frames at 10 fps. */
async function writeY4m(file: string, picture: Buffer): Promise<string> {
  const frames: Buffer[] = [];
  for (let f = 0; f < FRAMES; f++) {
    const rgb = await sharp(picture).resize(WIDTH, HEIGHT, { fit: "cover" }).removeAlpha().raw().toBuffer();
    // ±1 grey level of noise, different each frame (deterministic): a real sensor is never still.
    for (let i = 0; i < rgb.length; i++)
      rgb[i] = Math.max(0, Math.min(255, rgb[i]! + ((i * 7 + f * 13) % 3) - 1));
    frames.push(Buffer.from("FRAME\n"), i420(rgb, WIDTH, HEIGHT));
  }
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, ...frames]));
  return file;
}

/** Two people side by side, each face well inside the frame. */
const twoFaces = () =>
  crop(6, TWO_FACES)
    .resize(WIDTH, HEIGHT, { fit: "contain", background: { r: 200, g: 196, b: 190 } })
    .jpeg({ quality: 92 })
    .toBuffer();

/** The fake-camera videos, written under test-results/ once per run. */
export async function cameraVideos() {
  const dir = join(process.cwd(), "test-results", "fake-camera");
  mkdirSync(dir, { recursive: true });
  return {
    good: await writeY4m(join(dir, "good.y4m"), await crop(6, FRONTAL).jpeg({ quality: 95 }).toBuffer()),
    dark: await writeY4m(join(dir, "dark.y4m"), await darkJpeg()),
    twoFaces: await writeY4m(join(dir, "two-faces.y4m"), await twoFaces()),
  };
}

/** Chromium flags for a camera that plays `video`, with the permission prompt answered "allow". */
export const fakeCameraArgs = (video: string) => [
  "--use-fake-device-for-media-stream",
  "--use-fake-ui-for-media-stream",
  `--use-file-for-fake-video-capture=${video}`,
];

/** A fresh upload link for a new identity of org A, through the API (the console is not under test). */
export async function issueLinkByApi(baseUrl: string, apiKey: string, tag: string): Promise<string> {
  const headers = { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" };
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const created = await fetch(`${baseUrl}/api/v1/identities`, {
    method: "POST",
    headers,
    body: JSON.stringify({ externalId: `${tag}-${suffix}`, displayName: `${tag} ${suffix}` }),
  });
  if (created.status !== 201) throw new Error(`identity: ${created.status} ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  const issued = await fetch(`${baseUrl}/api/v1/upload-links`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      identities: [{ id }],
      options: { storeImage: true, qualityCheck: true, requireApproval: false },
    }),
  });
  if (issued.status !== 201) throw new Error(`link: ${issued.status} ${await issued.text()}`);
  const { links } = (await issued.json()) as { links: { url: string }[] };
  return links[0]!.url;
}
