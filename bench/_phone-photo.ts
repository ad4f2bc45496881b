import sharp from "sharp";
import { crop, FRONTAL } from "@/test/photos";

/** A phone-like 12 MP JPEG of about 2 MB: an upscaled face crop with sensor-like noise. */
export async function phonePhoto(): Promise<Buffer> {
  const noise = Buffer.alloc(3024 * 4032);
  for (let i = 0, seed = 7; i < noise.length; i++)
    noise[i] = ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24) & 0xff;
  return sharp(await crop(6, FRONTAL).toBuffer())
    .resize(3024, 4032, { fit: "fill" })
    .composite([
      {
        input: await sharp(noise, { raw: { width: 3024, height: 4032, channels: 1 } })
          .linear(0.12, 112)
          .png()
          .toBuffer(),
        blend: "overlay",
      },
    ])
    .jpeg({ quality: 88 })
    .toBuffer();
}
