/**
 * Image files made with sharp from the frontal face of test/photos.ts, for test/image-inputs.ts:
 * EXIF-oriented, transparent, animated, BMP, a bomb's header, padded to a size; and a check that a
 * stored image stands upright like the original. Nothing here is used by the application.
 */
import sharp, { type Sharp } from "sharp";
import { crop, FRONTAL } from "./photos";

export const upright = () => crop(6, FRONTAL).toBuffer();

/** One colour, any size: cheap to make, cheap to send, however many pixels it claims. */
export const plain = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#9a8070" } });

/** A 10 000 × 400 banner with the face (400 px tall) at its left end. */
export const bannerJpeg = async () =>
  plain(10_000, 400)
    .composite([{ input: await crop(6, FRONTAL).resize({ height: 400 }).toBuffer(), left: 0, top: 0 }])
    .jpeg()
    .toBuffer();

/** An Ultra HDR JPEG (ISO 21496-1 gain map), as Pixel phones write: sharp 0.35 makes one, its types lag. */
export const ultraHdrJpeg = () =>
  (crop(6, FRONTAL) as Sharp & { withGainMap(): Sharp }).withGainMap().jpeg({ quality: 90 }).toBuffer();

/**
 * The pixels stored so that a viewer applying EXIF `orientation` shows the upright face: the inverse
 * of what the tag asks a viewer to do (2 mirror, 3 half turn, 4 flip, 5 transpose, 6 quarter turn
 * clockwise, 7 transverse, 8 quarter turn anticlockwise).
 */
export async function exifOriented(orientation: number, format: "jpeg" | "png" | "webp" = "jpeg") {
  const still = sharp(await upright());
  const stored = await (
    {
      1: () => still,
      2: () => still.flop(),
      3: () => still.rotate(180),
      4: () => still.flip(),
      5: async () =>
        sharp(
          await sharp(await upright())
            .rotate(90)
            .toBuffer(),
        ).flop(),
      6: () => still.rotate(270),
      7: async () =>
        sharp(
          await sharp(await upright())
            .rotate(90)
            .toBuffer(),
        ).flip(),
      8: () => still.rotate(90),
    } as Record<number, () => Sharp | Promise<Sharp>>
  )[orientation]!();
  const pixels = await stored.toBuffer();
  const tagged = sharp(pixels).withMetadata({ orientation });
  return format === "jpeg"
    ? tagged.jpeg({ quality: 92 }).toBuffer()
    : format === "png"
      ? tagged.png().toBuffer()
      : tagged.webp({ quality: 90 }).toBuffer();
}

/** The face on a transparent background: everything outside an ellipse around the head has alpha 0. */
export async function transparentBackground(format: "png" | "webp") {
  const { width, height } = FRONTAL;
  const mask = await sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><ellipse cx="${width / 2}" cy="${height * 0.45}" rx="${width * 0.42}" ry="${height * 0.46}" fill="#fff"/></svg>`,
    ),
  )
    .extractChannel(0)
    .toBuffer();
  const withAlpha = sharp(await upright()).joinChannel(mask);
  return format === "png"
    ? withAlpha.png().toBuffer()
    : withAlpha.webp({ quality: 90, alphaQuality: 90 }).toBuffer();
}

/** Two frames, the face first: sharp (and every viewer) shows page 0. */
export async function animatedFace(format: "gif" | "webp") {
  const face = await sharp(await upright())
    .ensureAlpha()
    .png()
    .toBuffer();
  const blank = await sharp({
    create: { width: FRONTAL.width, height: FRONTAL.height, channels: 4, background: "#808080ff" },
  })
    .png()
    .toBuffer();
  const joined = sharp([face, blank], { join: { animated: true } });
  return format === "gif" ? joined.gif().toBuffer() : joined.webp({ quality: 90 }).toBuffer();
}

/** A 24-bit BMP (sharp writes none): BITMAPINFOHEADER, bottom-up BGR rows padded to 4 bytes. */
export async function bmpOf(image: Buffer): Promise<Buffer> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const stride = Math.ceil((info.width * 3) / 4) * 4;
  const out = Buffer.alloc(54 + stride * info.height);
  out.write("BM", 0, "latin1");
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(info.width, 18);
  out.writeInt32LE(info.height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  out.writeUInt32LE(stride * info.height, 34);
  for (let y = 0; y < info.height; y++) {
    const row = 54 + (info.height - 1 - y) * stride;
    for (let x = 0; x < info.width; x++) {
      const p = (y * info.width + x) * 3;
      out[row + x * 3] = data[p + 2]!;
      out[row + x * 3 + 1] = data[p + 1]!;
      out[row + x * 3 + 2] = data[p]!;
    }
  }
  return out;
}

/** The SOF frame header of a JPEG rewritten to claim `width × height` (a decompression bomb's header). */
export function claimDimensions(jpeg: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jpeg);
  for (let i = 2; i < out.length - 9;) {
    if (out[i] !== 0xff) throw new Error("not a marker");
    const marker = out[i + 1]!;
    const length = out.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc2) {
      out.writeUInt16BE(height, i + 5);
      out.writeUInt16BE(width, i + 7);
      return out;
    }
    i += 2 + length;
  }
  throw new Error("no SOF marker");
}

/** Exactly `size` bytes: a valid JPEG padded after its EOI marker (bytes there are never decoded). */
export const paddedTo = (jpeg: Buffer, size: number) =>
  Buffer.concat([jpeg, Buffer.alloc(size - jpeg.length)]);

/**
 * Grey 24 × 32 pixels of an image's centre, contrast stretched: a file's own tone (an Ultra HDR
 * base image) does not count, and a transparent background flattened to white stays out.
 */
async function centre(image: Buffer, mirror = false, turn = 0): Promise<Buffer> {
  const turned = await sharp(image).rotate(turn).flop(mirror).toBuffer();
  const { width, height } = await sharp(turned).metadata();
  const box = {
    left: Math.round(width! * 0.25),
    top: Math.round(height! * 0.2),
    width: Math.round(width! * 0.5),
    height: Math.round(height! * 0.5),
  };
  const small = await sharp(turned).extract(box).greyscale().resize(24, 32, { fit: "fill" }).png().toBuffer();
  return sharp(small).normalise().raw().toBuffer();
}
const meanDiff = (a: Buffer, b: Buffer) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0) / a.length;

/**
 * How far a stored image (or thumbnail) is from the upright reference, and from the reference
 * mirrored and upside down (mean grey difference of the stretched centres, 0–255). Measured: upright
 * copies 0–5 (an Ultra HDR file's own base image 10–13), mirrored ≥ 27, upside down ≥ 51.
 */
export async function orientationDiffs(stored: Buffer, reference: Buffer) {
  const mine = await centre(stored);
  return {
    same: meanDiff(mine, await centre(reference)),
    mirrored: meanDiff(mine, await centre(reference, true)),
    upsideDown: meanDiff(mine, await centre(reference, false, 180)),
  };
}
