import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { processPortrait, shutdownPortraitWorkers } from "./index";
import { liveHints, type LiveFace, type LiveHint } from "./live-guidance";
import { getPool } from "./pool";
import * as F from "@/test/photos";
import { DEFAULT_THRESHOLDS, resolveThresholds, type QualityThresholds } from "./thresholds";

/**
 * The phone's guide on camera frames made from the test photos: a portrait 480 × 640 camera picture
 * analysed at 360 × 480 (as components/upload/camera-stream.ts does), faces found by the same engine
 * the server runs (the browser runs its browser build).
 */
const CAMERA = { width: 480, height: 640 };
const FRAME = { width: 360, height: 480 };

async function frameOf(picture: Buffer | Promise<Buffer>) {
  const camera = await sharp(await picture)
    .resize(CAMERA.width, CAMERA.height, { fit: "cover" })
    .jpeg({ quality: 92 })
    .toBuffer();
  const { data } = await sharp(camera)
    .resize(FRAME.width, FRAME.height)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = { data: new Uint8Array(data), width: FRAME.width, height: FRAME.height };
  const copy = new Uint8Array(data);
  const found = await getPool().run(
    { kind: "detect", rgb: copy.buffer, width: FRAME.width, height: FRAME.height },
    [copy.buffer],
  );
  const faces: LiveFace[] = found.faces.map((f) => ({
    boxScore: f.boxScore,
    mesh: f.mesh,
    yawDeg: f.rotation.yaw,
    pitchDeg: f.rotation.pitch,
  }));
  return { camera, pixels, faces };
}

const oval = { cx: FRAME.width / 2, cy: FRAME.height * 0.47, rx: 144, ry: 192 };
async function hintFor(picture: Buffer | Promise<Buffer>, t: QualityThresholds = DEFAULT_THRESHOLDS) {
  const f = await frameOf(picture);
  const assessed = liveHints(
    { pixels: f.pixels, faces: f.faces, oval, captureScale: CAMERA.width / FRAME.width },
    t,
  );
  return { ...assessed, camera: f.camera };
}

/** A picture shrunk into the middle of a grey background: the person stands too far away. */
const far = async () =>
  sharp({ create: { width: 390, height: 520, channels: 3, background: { r: 190, g: 185, b: 180 } } })
    .composite([{ input: await F.crop(6, F.FRONTAL).resize(160).toBuffer(), left: 115, top: 150 }])
    .jpeg()
    .toBuffer();

/** An empty, noisy wall. */
const wall = () =>
  sharp({
    create: {
      width: 390,
      height: 520,
      channels: 3,
      background: "#999",
      noise: { type: "gaussian", mean: 150, sigma: 12 },
    },
  })
    .jpeg()
    .toBuffer();

afterAll(() => shutdownPortraitWorkers());

describe("live guidance", () => {
  it("a good frame needs nothing (hold still), and the server accepts that frame without a warning", async () => {
    const { hint, camera, metrics } = await hintFor(F.frontalJpeg());
    expect(hint, JSON.stringify(metrics)).toBeNull();
    const { report } = await processPortrait(camera, { qualityCheck: true });
    expect(report.accepted).toBe(true);
    expect(report.issues.filter((i) => i.severity === "reject")).toEqual([]);
  });

  it.each<[string, LiveHint, () => Promise<Buffer>]>([
    ["dark", "TOO_DARK", F.darkJpeg],
    ["blown out", "TOO_BRIGHT", F.overexposedJpeg],
    ["two people", "MULTIPLE_FACES", () => F.crop(6, F.TWO_FACES).jpeg().toBuffer()],
    ["far away", "MOVE_CLOSER", far],
    [
      "off to one side",
      "OUT_OF_OVAL",
      () =>
        F.crop(6, { ...F.FRONTAL, left: F.FRONTAL.left - 150 })
          .jpeg()
          .toBuffer(),
    ],
    ["blurred", "BLURRY", () => F.blurredBy(4)],
    ["nobody there", "NO_FACE", wall],
  ])("%s → %s", async (_name, expected, make) => {
    const { hint, metrics } = await hintFor(make());
    expect(hint, JSON.stringify(metrics)).toBe(expected);
  });

  it("applies the organization's thresholds, not only the defaults", async () => {
    // The good frame's head is turned ≈ 4°: an organization that allows 1° gets "look straight".
    const strict = resolveThresholds({ yawWarnDeg: 1, yawRejectDeg: 1 });
    expect((await hintFor(F.frontalJpeg(), strict)).hint).toBe("HEAD_TURNED");
    // …and one that calls a face dark from 1 % of dark pixels sees a normal frame as too dark.
    const dark = resolveThresholds({ darkShareWarn: 0, darkShareReject: 0 });
    expect((await hintFor(F.frontalJpeg(), dark)).hint).toBe("TOO_DARK");
  });
});
