import type { RgbImage } from "./decode";
import { bbox, rotateAbout, type Pt } from "./geometry";

export const CHIP_SIZE = 150; // the recognition net's input size

/**
 * The upright face chip the descriptor is computed on: the landmark box in the de-rotated frame,
 * padded by 20 % (as face-api's own alignment) and made square, sampled with bilinear
 * interpolation and box-averaged supersampling when shrinking (so large faces do not alias).
 * Pure arithmetic: deterministic across runs and machines.
 */
export function alignedChip(
  img: RgbImage,
  landmarks: Pt[],
  rollDeg: number,
  centre: Pt,
): Uint8Array<ArrayBuffer> {
  const upright = landmarks.map((p) => rotateAbout(p, centre, -rollDeg));
  const b = bbox(upright);
  const side = Math.max(b.width, b.height) * 1.2;
  const ox = b.x + b.width / 2 - side / 2;
  const oy = b.y + b.height / 2 - side / 2;
  const step = side / CHIP_SIZE;
  const ss = Math.max(1, Math.min(4, Math.ceil(step)));
  const cos = Math.cos((rollDeg * Math.PI) / 180);
  const sin = Math.sin((rollDeg * Math.PI) / 180);
  const out = new Uint8Array(CHIP_SIZE * CHIP_SIZE * 3);
  const acc = [0, 0, 0];
  for (let v = 0; v < CHIP_SIZE; v++) {
    for (let u = 0; u < CHIP_SIZE; u++) {
      acc[0] = acc[1] = acc[2] = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          // Point in the upright frame, rotated back by +roll into the image.
          const ux = ox + (u + (sx + 0.5) / ss) * step - centre[0];
          const uy = oy + (v + (sy + 0.5) / ss) * step - centre[1];
          sample(img, centre[0] + ux * cos - uy * sin - 0.5, centre[1] + ux * sin + uy * cos - 0.5, acc);
        }
      }
      const o = (v * CHIP_SIZE + u) * 3;
      const n = ss * ss;
      out[o] = Math.round(acc[0]! / n);
      out[o + 1] = Math.round(acc[1]! / n);
      out[o + 2] = Math.round(acc[2]! / n);
    }
  }
  return out;
}

/** Bilinear sample with edge clamping, added into acc (one number per channel). */
export function sample(img: RgbImage, x: number, y: number, acc: number[]) {
  const { width: w, height: h, data } = img;
  const cx = Math.max(0, Math.min(w - 1, x));
  const cy = Math.max(0, Math.min(h - 1, y));
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(w - 1, x0 + 1);
  const y1 = Math.min(h - 1, y0 + 1);
  const fx = cx - x0;
  const fy = cy - y0;
  for (let c = 0; c < 3; c++) {
    const a = data[(y0 * w + x0) * 3 + c]!;
    const b = data[(y0 * w + x1) * 3 + c]!;
    const d = data[(y1 * w + x0) * 3 + c]!;
    const e = data[(y1 * w + x1) * 3 + c]!;
    acc[c]! += (a * (1 - fx) + b * fx) * (1 - fy) + (d * (1 - fx) + e * fx) * fy;
  }
}
