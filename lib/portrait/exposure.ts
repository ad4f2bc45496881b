/**
 * Exposure and pixel-region measures that need no native code: the server check (photometry.ts,
 * occlusion.ts) and the phone's live guidance (live-guidance.ts) run the same functions.
 */
import { bbox, type Pt } from "./geometry";

/** RGB pixels, 3 bytes each, row-major (a decoded photo's RgbImage, or a camera frame). */
export interface Pixels {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Inter-eye distance the face is resampled to before measuring sharpness. */
export const SHARPNESS_EYE_PX = 64;

/**
 * Non-human guard (faces.ts): skin has natural texture. Camera noise means almost no skin pixel has a
 * perfectly uniform 3×3 neighbourhood (real faces ≤ 0.011); drawings and renders score 0.1+.
 */
export const FLAT_SHARE_MAX = 0.04;

export interface Exposure {
  darkShare: number;
  brightShare: number;
  meanLuma: number;
  stdLuma: number;
  /** |mean(left half) − mean(right half)| / brighter half. */
  sideImbalance: number;
}

/** Exposure over the whole image: the fallback when no face is found. */
export function imageExposure(img: Pixels): Exposure {
  return exposureOf(img, null, img.width / 2, { x: 0, y: 0, width: img.width, height: img.height });
}

/** Exposure over the face: inside the polygon of jaw line and brows (excludes hair and background). */
export function faceExposure(img: Pixels, landmarks: Pt[], splitX: number): Exposure {
  const outline = faceOutline(landmarks);
  return exposureOf(img, outline, splitX, bbox(outline));
}

/**
 * Dark and bright shares of the face above and below the nose tip. An occluder darkens or
 * brightens one of the halves; bad exposure shows in both.
 */
export function halfExposures(img: Pixels, landmarks: Pt[]): { dark: number; bright: number }[] {
  const outline = faceOutline(landmarks);
  const b = bbox(outline);
  const splitY = landmarks[30]![1];
  const x0 = Math.max(0, Math.floor(b.x));
  const x1 = Math.min(img.width, Math.ceil(b.x + b.width));
  const part = (ya: number, yb: number) => {
    const runs = insideRuns(outline, x0, Math.max(0, ya), x1, Math.min(img.height, yb));
    let n = 0,
      dark = 0,
      bright = 0;
    for (let k = 0; k < runs.length; k += 3)
      for (let x = runs[k + 1]!, i = (runs[k]! * img.width + x) * 3; x < runs[k + 2]!; x++, i += 3) {
        const l = 0.2126 * img.data[i]! + 0.7152 * img.data[i + 1]! + 0.0722 * img.data[i + 2]!;
        n++;
        if (l <= 25) dark++;
        if (l >= 247) bright++;
      }
    return { dark: n ? dark / n : 0, bright: n ? bright / n : 0 };
  };
  return [part(Math.floor(b.y), Math.round(splitY)), part(Math.round(splitY), Math.ceil(b.y + b.height))];
}

/** Jaw line and brows as one closed polygon. */
export const faceOutline = (landmarks: Pt[]): Pt[] => [
  ...landmarks.slice(0, 17),
  ...landmarks.slice(17, 27).reverse(),
];

function exposureOf(
  img: Pixels,
  poly: Pt[] | null,
  splitX: number,
  box: { x: number; y: number; width: number; height: number },
): Exposure {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(img.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(img.height, Math.ceil(box.y + box.height));
  const d = img.data;
  let n = 0,
    dark = 0,
    bright = 0,
    sum = 0,
    sumSq = 0;
  let leftSum = 0,
    leftN = 0,
    rightSum = 0,
    rightN = 0;
  const runs = insideRuns(poly, x0, y0, x1, y1);
  for (let r = 0; r < runs.length; r += 3) {
    const y = runs[r]!,
      from = runs[r + 1]!,
      to = runs[r + 2]!;
    for (let x = from, i = (y * img.width + from) * 3; x < to; x++, i += 3) {
      const l = 0.2126 * d[i]! + 0.7152 * d[i + 1]! + 0.0722 * d[i + 2]!;
      n++;
      sum += l;
      sumSq += l * l;
      if (l <= 25) dark++;
      if (l >= 247) bright++;
      if (x < splitX) {
        leftSum += l;
        leftN++;
      } else {
        rightSum += l;
        rightN++;
      }
    }
  }
  if (n === 0) return { darkShare: 0, brightShare: 0, meanLuma: 0, stdLuma: 0, sideImbalance: 0 };
  const meanLuma = sum / n;
  const l = leftN ? leftSum / leftN : meanLuma;
  const r = rightN ? rightSum / rightN : meanLuma;
  return {
    darkShare: dark / n,
    brightShare: bright / n,
    meanLuma,
    stdLuma: Math.sqrt(Math.max(0, sumSq / n - meanLuma * meanLuma)),
    sideImbalance: Math.abs(l - r) / Math.max(1, l, r),
  };
}

/**
 * Scan conversion: the runs of pixels x ∈ [from, to) of row y in the rectangle whose centre
 * (x + ½, y + ½) lies inside `poly` (even-odd rule), or whole rows when `poly` is null, as flat
 * triplets [y, from, to, …]. Pixel for pixel the same set as `insidePolygon` (same crossing arithmetic), but the
 * crossings are computed once per row instead of once per pixel and edge.
 */
export function insideRuns(poly: Pt[] | null, x0: number, y0: number, x1: number, y1: number): number[] {
  const runs: number[] = [];
  if (x1 <= x0) return runs;
  const visit = (y: number, from: number, to: number) => runs.push(y, from, to);
  const xs: number[] = [];
  for (let y = y0; y < y1; y++) {
    if (!poly) {
      visit(y, x0, x1);
      continue;
    }
    const py = y + 0.5;
    xs.length = 0;
    for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
      const [xi, yi] = poly[i]!;
      const [xj, yj] = poly[j]!;
      if (yi > py !== yj > py) xs.push(((xj - xi) * (py - yi)) / (yj - yi) + xi);
    }
    if (xs.length === 0) continue;
    xs.sort((a, b) => a - b);
    // Pixel x is inside when an odd number of crossings lie strictly right of its centre.
    let k = 0;
    let from = -1;
    for (let x = x0; x < x1; x++) {
      const px = x + 0.5;
      while (k < xs.length && xs[k]! <= px) k++;
      const isIn = ((xs.length - k) & 1) === 1;
      if (isIn && from < 0) from = x;
      else if (!isIn && from >= 0) {
        visit(y, from, x);
        from = -1;
      }
      if (k === xs.length && from < 0) break; // nothing to the right any more
    }
    if (from >= 0) visit(y, from, x1);
  }
  return runs;
}

/** Even-odd point-in-polygon test (the reference for insideRuns). */
export function insidePolygon(poly: Pt[], x: number, y: number): boolean {
  let hit = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

/**
 * Where sharpness is measured: the inner face (brows to chin, without the jaw contour, whose edges
 * are the background's), clipped to the image, and the size (w × h) it is resampled to so the eyes
 * are SHARPNESS_EYE_PX apart and the figure does not depend on resolution. null when too small.
 */
export function sharpnessWindow(
  img: { width: number; height: number },
  landmarks: Pt[],
  interEye: number,
): { left: number; top: number; width: number; height: number; w: number; h: number } | null {
  const box = bbox(landmarks.slice(17, 68));
  const left = Math.max(0, Math.floor(box.x));
  const top = Math.max(0, Math.floor(box.y));
  const width = Math.min(img.width - left, Math.ceil(box.width));
  const height = Math.min(img.height - top, Math.ceil(box.height));
  if (width < 4 || height < 4 || interEye <= 0) return null;
  const k = SHARPNESS_EYE_PX / interEye;
  return {
    left,
    top,
    width,
    height,
    w: Math.max(8, Math.round(width * k)),
    h: Math.max(8, Math.round(height * k)),
  };
}

/** Standard deviation of the 4-neighbour Laplacian of a greyscale image (row-major, 1 byte a pixel). */
export function laplacianStd(grey: ArrayLike<number>, w: number, h: number): number {
  let n = 0,
    sum = 0,
    sumSq = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const lap = grey[i - 1]! + grey[i + 1]! + grey[i - w]! + grey[i + w]! - 4 * grey[i]!;
      n++;
      sum += lap;
      sumSq += lap * lap;
    }
  }
  const m = sum / n;
  return Math.sqrt(Math.max(0, sumSq / n - m * m));
}

/**
 * Share of face pixels whose 3×3 neighbourhood is exactly one colour, in three bands: above the eye
 * line, from it to the nose tip, and below.
 * Camera sensors never produce that over skin (noise), drawings and renders do over most of it: part
 * of the non-human guard, which looks at the most natural band (an occluder — a drawn mask, band or
 * sunglasses — may be flat; a drawn face is flat in every band).
 */
export function flatShare(img: Pixels, landmarks: Pt[]): { flat: number; clipped: number }[] {
  const eyeY = (landmarks[36]![1] + landmarks[45]![1]) / 2;
  const noseY = landmarks[30]![1];
  const outline = faceOutline(landmarks);
  const box = bbox(outline);
  const { width: w, height: h, data } = img;
  const x0 = Math.max(1, Math.floor(box.x));
  const y0 = Math.max(1, Math.floor(box.y));
  const x1 = Math.min(w - 1, Math.ceil(box.x + box.width));
  const y1 = Math.min(h - 1, Math.ceil(box.y + box.height));
  const row = w * 3;
  const n = [0, 0, 0];
  const flat = [0, 0, 0];
  const clipped = [0, 0, 0];
  const runs = insideRuns(outline, x0, y0, x1, y1);
  for (let k = 0; k < runs.length; k += 3) {
    const y = runs[k]!,
      from = runs[k + 1]!,
      to = runs[k + 2]!;
    for (let x = from, i = (y * w + from) * 3; x < to; x++, i += 3) {
      const r = data[i]!,
        g = data[i + 1]!,
        b = data[i + 2]!;
      const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      const half = y < eyeY ? 0 : y < noseY ? 1 : 2;
      // Clipped pixels are flat in any photo (the exposure checks judge them); only counted.
      if (l <= 25 || l >= 247) {
        clipped[half]!++;
        continue;
      }
      n[half]!++;
      let same = true;
      for (let dy = -row; dy <= row && same; dy += row) {
        for (let dx = -3; dx <= 3 && same; dx += 3) {
          const j = i + dy + dx;
          same = data[j] === r && data[j + 1] === g && data[j + 2] === b;
        }
      }
      if (same) flat[half]!++;
    }
  }
  return n.map((count, k) => ({
    flat: count ? flat[k]! / count : 0,
    clipped: count + clipped[k]! ? clipped[k]! / (count + clipped[k]!) : 1,
  }));
}
