/**
 * HEAVY_COMPRESSION: how visible the JPEG 8×8 block grid is on the face.
 *
 * Blockiness: mean absolute luminance step across each column (row) boundary, grouped by the
 * boundary's position modulo 8. Block-coded images have one phase whose steps stand out (the block
 * edges); natural images have none. The figure is the strongest phase's mean step over the mean of
 * the other seven, horizontally and vertically averaged: 1.0–1.5 for camera photos (video frames
 * up to 1.8), ≈ 3 for JPEG quality ≤ 10. Measured only when the working copy is the original's pixels (photos up to 1280 px,
 * which the upload page sends): a downscaled copy no longer has the grid. Larger JPEGs are read by
 * their quantisation tables instead (the IJG quality they were written with).
 */
import type { RgbImage } from "./decode";

export interface Compression {
  /** Block-grid visibility on the face (1 = none), when measurable. */
  blockiness?: number;
  /** Estimated IJG quality (1–100) from the JPEG's luminance quantisation table. */
  jpegQuality?: number;
}

export function compressionOf(
  bytes: Uint8Array,
  img: RgbImage,
  face: { x: number; y: number; width: number; height: number },
  atOriginalScale: boolean,
): Compression {
  const out: Compression = {};
  if (atOriginalScale) out.blockiness = blockiness(img, face);
  const q = jpegQuality(bytes);
  if (q !== null) out.jpegQuality = q;
  return out;
}

export function blockiness(
  img: RgbImage,
  box: { x: number; y: number; width: number; height: number },
): number {
  const x0 = Math.max(1, Math.floor(box.x));
  const y0 = Math.max(1, Math.floor(box.y));
  const x1 = Math.min(img.width - 1, Math.ceil(box.x + box.width));
  const y1 = Math.min(img.height - 1, Math.ceil(box.y + box.height));
  if (x1 - x0 < 24 || y1 - y0 < 24) return 1;
  const luma = (x: number, y: number) => {
    const i = (y * img.width + x) * 3;
    return 0.299 * img.data[i]! + 0.587 * img.data[i + 1]! + 0.114 * img.data[i + 2]!;
  };
  const h = new Array<number>(8).fill(0);
  const v = new Array<number>(8).fill(0);
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const c = luma(x, y);
      h[x % 8]! += Math.abs(c - luma(x - 1, y));
      v[y % 8]! += Math.abs(c - luma(x, y - 1));
    }
  }
  const ratio = (sums: number[]) => {
    const best = Math.max(...sums);
    const rest = (sums.reduce((s, n) => s + n, 0) - best) / 7;
    return rest > 0 ? best / rest : 1;
  };
  return (ratio(h) + ratio(v)) / 2;
}

/** IJG standard luminance table (quality 50), in zig-zag order as stored in DQT. */
const STD_LUMA = [
  16, 11, 12, 14, 12, 10, 16, 14, 13, 14, 18, 17, 16, 19, 24, 40, 26, 24, 22, 22, 24, 49, 35, 37, 29, 40, 58,
  51, 61, 60, 57, 51, 56, 55, 64, 72, 92, 78, 64, 68, 87, 69, 55, 56, 80, 109, 81, 87, 95, 98, 103, 104, 103,
  62, 77, 113, 121, 112, 100, 120, 92, 101, 103, 99,
];

/**
 * The IJG quality a JPEG's table 0 (luminance) corresponds to, or null for other formats. Reads DQT
 * segments up to the first scan; tables from other encoders map to the nearest IJG quality.
 */
export function jpegQuality(bytes: Uint8Array): number | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1]!;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return null; // scan started, no table 0 seen
    const len = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (marker === 0xdb) {
      let p = i + 4;
      while (p < i + 2 + len) {
        const precision = bytes[p]! >> 4;
        const id = bytes[p]! & 15;
        const size = precision ? 128 : 64;
        if (id === 0) {
          let scale = 0;
          for (let k = 0; k < 64; k++) {
            const q = precision ? (bytes[p + 1 + 2 * k]! << 8) | bytes[p + 2 + 2 * k]! : bytes[p + 1 + k]!;
            scale += (q * 100) / STD_LUMA[k]!;
          }
          scale /= 64;
          const quality = scale <= 100 ? (200 - scale) / 2 : 5000 / scale;
          return Math.max(1, Math.min(100, Math.round(quality)));
        }
        p += 1 + size;
      }
    }
    i += 2 + len;
  }
  return null;
}
