import sharp from "sharp";
import { issue, withHeicHint, type QualityIssue } from "./issues";
import type { QualityThresholds } from "./thresholds";

export type ImageFormat = "jpeg" | "png" | "webp" | "avif";

/** Long side of the RGB working copy every measurement is made on. */
export const WORKING_LONG_SIDE = 1280;

export interface RgbImage {
  data: Buffer; // 3 channels, 8 bit, sRGB, upright
  width: number;
  height: number;
}

export interface DecodedImage {
  format: ImageFormat;
  /** Upright size of the original. */
  width: number;
  height: number;
  working: RgbImage;
  /** working px per original px (≤ 1). */
  scale: number;
}

export type DecodeResult = { ok: true; image: DecodedImage } | { ok: false; issue: QualityIssue };

const HEIF_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "mif1", "msf1"]);
const AVIF_BRANDS = new Set(["avif", "avis"]);

/** Allow-list by magic bytes; the file name and declared type are never trusted. */
export function sniffFormat(bytes: Uint8Array): ImageFormat | "heic" | null {
  const at = (i: number) => bytes[i] ?? -1;
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return "jpeg";
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => at(i) === b))
    return "png";
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "webp";
  if (bytes.length >= 12 && ascii(4, 8) === "ftyp") {
    const boxSize = Math.min(
      bytes.length,
      Math.max(16, ((at(0) << 24) | (at(1) << 16) | (at(2) << 8) | at(3)) >>> 0),
      64,
    );
    const brands = [ascii(8, 12)];
    for (let i = 16; i + 4 <= boxSize; i += 4) brands.push(ascii(i, i + 4));
    if (brands.some((b) => AVIF_BRANDS.has(b))) return "avif";
    if (brands.some((b) => HEIF_BRANDS.has(b))) return "heic";
  }
  return null;
}

/**
 * Input checks and decoding. Order matters for cost: size and magic bytes (free), then the header
 * (pixel count, short side) before a single pixel is decoded, then a shrink-on-load decode to the
 * working copy with EXIF orientation applied, alpha flattened and colour converted to 8-bit sRGB.
 * Animated images: the first frame is used (sharp reads page 0 by default) — a still is what we need.
 *
 * `failOn: "warning"` is deliberate: libjpeg reports a truncated file ("premature end of JPEG") only as
 * a warning, and a lower level would accept it with its bottom filled grey. What phones really write
 * is unaffected (tested): bytes after the EOI marker — motion-photo MP4s, padding — are never read.
 */
export async function decodePortrait(bytes: Uint8Array, t: QualityThresholds): Promise<DecodeResult> {
  if (bytes.length === 0) return fail("IMAGE_UNREADABLE");
  if (bytes.length > t.maxFileBytes) return fail("FILE_TOO_LARGE", bytes.length, t.maxFileBytes);
  const format = sniffFormat(bytes);
  if (format === "heic") return { ok: false, issue: withHeicHint(issue("UNSUPPORTED_FORMAT", "reject")) };
  if (format === null) return fail("UNSUPPORTED_FORMAT");

  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>["metadata"]>>;
  try {
    meta = await sharp(input, { failOn: "warning", limitInputPixels: false }).metadata();
  } catch {
    return fail("IMAGE_UNREADABLE");
  }
  if (!meta.width || !meta.height || meta.format !== (format === "avif" ? "heif" : format))
    return fail("IMAGE_UNREADABLE");
  const pixels = meta.width * meta.height;
  if (pixels > t.maxPixels) return fail("IMAGE_TOO_LARGE", pixels, t.maxPixels);
  const swap = (meta.orientation ?? 1) >= 5;
  const width = swap ? meta.height : meta.width;
  const height = swap ? meta.width : meta.height;
  if (Math.min(width, height) < t.minShortSidePx)
    return fail("IMAGE_TOO_SMALL", Math.min(width, height), t.minShortSidePx);

  try {
    const { data, info } = await sharp(input, { failOn: "warning", limitInputPixels: t.maxPixels })
      .rotate()
      .resize({
        width: WORKING_LONG_SIDE,
        height: WORKING_LONG_SIDE,
        fit: "inside",
        withoutEnlargement: true,
        fastShrinkOnLoad: true,
      })
      .flatten({ background: "#ffffff" })
      .toColourspace("srgb")
      .raw({ depth: "uchar" })
      .toBuffer({ resolveWithObject: true });
    const working = toRgb(data, info.width, info.height, info.channels);
    return { ok: true, image: { format, width, height, working, scale: working.width / width } };
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message))
      return fail("IMAGE_TOO_LARGE", pixels, t.maxPixels);
    return fail("IMAGE_UNREADABLE");
  }
}

function toRgb(data: Buffer, width: number, height: number, channels: number): RgbImage {
  if (channels === 3) return { data, width, height };
  const out = Buffer.alloc(width * height * 3);
  for (let p = 0, q = 0; q < out.length; p += channels, q += 3) {
    const grey = channels < 3;
    out[q] = data[p]!;
    out[q + 1] = data[grey ? p : p + 1]!;
    out[q + 2] = data[grey ? p : p + 2]!;
  }
  return { data: out, width, height };
}

function fail(code: QualityIssue["code"], measured?: number, threshold?: number): DecodeResult {
  return { ok: false, issue: issue(code, "reject", { measured, threshold }) };
}

/** Re-encode for storage from the working copy: upright, no metadata (sharp strips it by default). */
export async function encodeOutputs(
  working: RgbImage,
  face: { x: number; y: number; width: number; height: number } | null,
): Promise<{ image: Buffer; thumbnail: Buffer; width: number; height: number }> {
  const raw = { raw: { width: working.width, height: working.height, channels: 3 as const } };
  const { data: image, info } = await sharp(working.data, raw)
    .resize({ width: 1024, height: 1024, fit: "inside", withoutEnlargement: true })
    .jpeg({ quality: 88, chromaSubsampling: "4:2:0" })
    .toBuffer({ resolveWithObject: true });
  // Thumbnail: a square around the face when there is one, else the centre.
  const side = Math.round(
    Math.min(working.width, working.height, face ? Math.max(face.width, face.height) * 2.2 : Infinity),
  );
  const cx = face ? face.x + face.width / 2 : working.width / 2;
  const cy = face ? face.y + face.height / 2 : working.height / 2;
  const left = clamp(Math.round(cx - side / 2), 0, working.width - side);
  const top = clamp(Math.round(cy - side / 2), 0, working.height - side);
  const thumbnail = await sharp(working.data, raw)
    .extract({ left, top, width: side, height: side })
    .resize(128, 128)
    .webp({ quality: 80 })
    .toBuffer();
  return { image, thumbnail, width: info.width, height: info.height };
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** The image turned clockwise by a quarter turn multiple (90, 180, 270). */
export async function quarterTurn(img: RgbImage, deg: number): Promise<RgbImage> {
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .rotate(deg)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Contrast stretched to the full range (sharp's normalise: 1st–99th percentile of luminance → 0–255). */
export async function stretchContrast(img: RgbImage): Promise<RgbImage> {
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .normalise()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The image with `pad` px added on every side, its edge pixels repeated (a tight crop given context). */
export async function edgePadded(img: RgbImage, pad: number): Promise<RgbImage> {
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .extend({ top: pad, bottom: pad, left: pad, right: pad, extendWith: "copy" })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The image with its long side at most `longSide` (the same object when already that small). */
export async function shrunk(img: RgbImage, longSide: number): Promise<RgbImage> {
  if (Math.max(img.width, img.height) <= longSide) return img;
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .resize({ width: longSide, height: longSide, fit: "inside" })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
