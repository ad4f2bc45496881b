/**
 * A face shown on a screen or a printed page is a picture of a picture: the face sits inside a
 * frame — the screen's bezel, the paper's edge — whose four straight sides enclose it. A portrait of
 * a person has no such closed frame around the face (a door or window behind the head is open at
 * the bottom, where the shoulders are).
 *
 * Method: Sobel edges on a small grey copy; a Hough transform where each edge pixel votes only for
 * lines along its own edge direction; the strongest lines; then any four of them (two steep, two
 * flat, one on each side of the face) whose corners make a convex quadrilateral that holds the face
 * with room around it, is not the photo's own border, and is traced by edges along most of each side.
 */
import sharp from "sharp";
import type { RgbImage } from "./decode";

type Box = { x: number; y: number; width: number; height: number };
interface Line {
  /** Unit normal (cos θ, sin θ) and offset: points p with p·n = rho. */
  nx: number;
  ny: number;
  rho: number;
  votes: number;
}
type P = [number, number];

const SIDE = 320;
const ANGLES = 180; // 1° steps
const VOTE_SPREAD = 5; // ± bins around the pixel's own edge direction
const MAX_LINES = 48;
/** Share of each side's length that must run along an edge of that direction. */
const MIN_SIDE_SUPPORT = 0.6;
/** Frames traced along less than this are not worth measuring further (nor reporting). */
const MIN_REPORTED_SUPPORT = 0.4;

export interface FrameResult {
  framed: boolean;
  /** Weakest side's support of the best frame found (0 when none). */
  support: number;
}

export async function framedPicture(img: RgbImage, face: Box): Promise<FrameResult> {
  const k = Math.min(1, SIDE / Math.max(img.width, img.height));
  const w = Math.max(8, Math.round(img.width * k));
  const h = Math.max(8, Math.round(img.height * k));
  const grey = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .resize(w, h, { fit: "fill" })
    .greyscale()
    .raw()
    .toBuffer();
  const { mag, dir, strong } = edges(grey, w, h);
  const lines = houghLines(mag, dir, strong, w, h);
  const f = { x: face.x * k, y: face.y * k, width: face.width * k, height: face.height * k };
  return bestFrame(lines, mag, dir, strong, w, h, f, grey);
}

function edges(g: Buffer, w: number, h: number) {
  const mag = new Float32Array(w * h);
  const dir = new Float32Array(w * h);
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const gx =
        g[i - w + 1]! + 2 * g[i + 1]! + g[i + w + 1]! - g[i - w - 1]! - 2 * g[i - 1]! - g[i + w - 1]!;
      const gy =
        g[i + w - 1]! + 2 * g[i + w]! + g[i + w + 1]! - g[i - w - 1]! - 2 * g[i - w]! - g[i - w + 1]!;
      mag[i] = Math.hypot(gx, gy);
      dir[i] = Math.atan2(gy, gx);
    }
  }
  // Strong: above the 85th percentile and an absolute floor (a flat image has no edges at all).
  const sorted = Float32Array.from(mag).sort();
  const strong = Math.max(60, sorted[Math.floor(sorted.length * 0.85)]!);
  return { mag, dir, strong };
}

function houghLines(mag: Float32Array, dir: Float32Array, strong: number, w: number, h: number): Line[] {
  const diag = Math.ceil(Math.hypot(w, h));
  const bins = 2 * diag + 1;
  const acc = new Float32Array(ANGLES * bins);
  const cos = Array.from({ length: ANGLES }, (_, a) => Math.cos((a * Math.PI) / ANGLES));
  const sin = Array.from({ length: ANGLES }, (_, a) => Math.sin((a * Math.PI) / ANGLES));
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      if (mag[i]! < strong) continue;
      // The gradient is the line's normal; fold it into [0, π).
      let theta = dir[i]!;
      if (theta < 0) theta += Math.PI;
      const a0 = Math.round((theta / Math.PI) * ANGLES);
      for (let d = -VOTE_SPREAD; d <= VOTE_SPREAD; d++) {
        const a = (((a0 + d) % ANGLES) + ANGLES) % ANGLES;
        const rho = Math.round(x * cos[a]! + y * sin[a]!);
        acc[a * bins + rho + diag]! += 1;
      }
    }
  }
  const peaks: Line[] = [];
  for (let a = 0; a < ANGLES; a++) {
    for (let r = 1; r < bins - 1; r++) {
      const v = acc[a * bins + r]!;
      if (v < 20) continue;
      let max = true;
      for (let da = -3; da <= 3 && max; da++)
        for (let dr = -3; dr <= 3 && max; dr++) {
          const aa = (((a + da) % ANGLES) + ANGLES) % ANGLES;
          if ((da || dr) && acc[aa * bins + r + dr]! > v) max = false;
        }
      if (max) peaks.push({ nx: cos[a]!, ny: sin[a]!, rho: r - diag, votes: v });
    }
  }
  return peaks.sort((p, q) => q.votes - p.votes).slice(0, MAX_LINES);
}

function bestFrame(
  lines: Line[],
  mag: Float32Array,
  dir: Float32Array,
  strong: number,
  w: number,
  h: number,
  face: Box,
  grey: Buffer,
): FrameResult {
  const cx = face.x + face.width / 2;
  const cy = face.y + face.height / 2;
  // Steep lines have a mostly horizontal normal, flat lines a mostly vertical one; each normal is
  // made to point right (steep) or down (flat) so the side of the face a line lies on is comparable.
  const flip = (l: Line): Line => ({ nx: -l.nx, ny: -l.ny, rho: -l.rho, votes: l.votes });
  const limit = Math.cos((45 * Math.PI) / 180);
  const steep = lines.filter((l) => Math.abs(l.nx) >= limit).map((l) => (l.nx < 0 ? flip(l) : l));
  const flat = lines.filter((l) => Math.abs(l.ny) >= limit).map((l) => (l.ny < 0 ? flip(l) : l));
  const side = (l: Line) => Math.sign(cx * l.nx + cy * l.ny - l.rho);
  let best = 0;
  for (let a = 0; a < steep.length; a++)
    for (let b = a + 1; b < steep.length; b++) {
      if (side(steep[a]!) === side(steep[b]!)) continue;
      for (let c = 0; c < flat.length; c++)
        for (let d = c + 1; d < flat.length; d++) {
          if (side(flat[c]!) === side(flat[d]!)) continue;
          const [l, r] = order(steep[a]!, steep[b]!, (p) => p[0]);
          const [t, bo] = order(flat[c]!, flat[d]!, (p) => p[1]);
          const corners = [meet(l, t), meet(r, t), meet(r, bo), meet(l, bo)];
          if (corners.some((p) => p === null)) continue;
          const q = corners as P[];
          if (!plausibleFrame(q, w, h, face) || !atAnAngle(q)) continue;
          // The weakest side counts; stop as soon as a side cannot beat the best frame so far.
          let support = 1;
          for (let i = 0; i < 4 && support > Math.max(best, MIN_REPORTED_SUPPORT); i++)
            support = Math.min(support, sideSupport(q[i]!, q[(i + 1) % 4]!, mag, dir, strong, w, h));
          if (support <= best || !q.every((p, i) => cleanEdge(p, q[(i + 1) % 4]!, q, grey, w, h))) continue;
          best = Math.max(best, support);
        }
    }
  return { framed: best >= MIN_SIDE_SUPPORT, support: best };
}

/**
 * Seen at an angle: at least two sides lean ≥ 3° off the photo's axes (turning a rectangle away
 * makes a pair of sides converge; rolling it leans all four). An axis-aligned rectangle is a picture
 * pasted into the photo (or a border added to it), not a screen or a page held up to the camera.
 */
function atAnAngle(q: P[]): boolean {
  const leaning = q.filter((a, i) => {
    const b = q[(i + 1) % 4]!;
    const deg = (Math.atan2(Math.abs(b[1] - a[1]), Math.abs(b[0] - a[0])) * 180) / Math.PI;
    return Math.min(deg, 90 - deg) >= 3;
  });
  return leaning.length >= 2;
}

/** The two lines ordered by where they cross the image centre line (left before right, top before bottom). */
function order(p: Line, q: Line, coord: (pt: P) => number): [Line, Line] {
  const at = (l: Line): P => (Math.abs(l.nx) > Math.abs(l.ny) ? [l.rho / l.nx, 0] : [0, l.rho / l.ny]);
  return coord(at(p)) <= coord(at(q)) ? [p, q] : [q, p];
}

function meet(p: Line, q: Line): P | null {
  const det = p.nx * q.ny - p.ny * q.nx;
  if (Math.abs(det) < 1e-6) return null;
  return [(p.rho * q.ny - q.rho * p.ny) / det, (p.nx * q.rho - q.nx * p.rho) / det];
}

/**
 * Convex, holds the face with a margin, much larger than the face, at least a tenth of the photo, not
 * (almost) the photo itself.
 */
function plausibleFrame(q: P[], w: number, h: number, face: Box): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const [a, b, c] = [q[i]!, q[(i + 1) % 4]!, q[(i + 2) % 4]!];
    const cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
    if (cross === 0 || (sign && Math.sign(cross) !== sign)) return false;
    sign = Math.sign(cross);
  }
  const slack = 2;
  if (q.some(([x, y]) => x < -slack || y < -slack || x > w + slack || y > h + slack)) return false;
  const m = 0.1 * Math.max(face.width, face.height);
  const faceCorners: P[] = [
    [face.x - m, face.y - m],
    [face.x + face.width + m, face.y - m],
    [face.x + face.width + m, face.y + face.height + m],
    [face.x - m, face.y + face.height + m],
  ];
  if (!faceCorners.every((p) => inside(q, p, sign))) return false;
  const area = Math.abs(polygonArea(q));
  const inset = q.every(([x, y]) => x > 3 && y > 3 && x < w - 3 && y < h - 3);
  // A screen or page held up to the camera fills a good part of the photo (a small rectangle's
  // sides are also too short for their lean to be measured).
  return area >= 1.5 * face.width * face.height && area >= 0.1 * w * h && area <= 0.92 * w * h && inset;
}

function inside(q: P[], p: P, sign: number): boolean {
  for (let i = 0; i < 4; i++) {
    const [a, b] = [q[i]!, q[(i + 1) % 4]!];
    const cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
    if (Math.sign(cross) === -sign) return false;
  }
  return true;
}

const polygonArea = (q: P[]) =>
  q.reduce((s, p, i) => s + p[0] * q[(i + 1) % 4]![1] - q[(i + 1) % 4]![0] * p[1], 0) / 2;

/**
 * A frame's side separates the frame (bezel, paper) from what is around or inside it, so along the
 * side one of its two flanks is one even tone: the grey just inside and just outside the side is
 * sampled (2 to 5 px off), and the flatter flank must be even (σ ≤ 16) and differ from the other (≥ 20 levels). A
 * line through the picture's own content has busy flanks on both sides.
 */
function cleanEdge(a: P, b: P, q: P[], grey: Buffer, w: number, h: number): boolean {
  const cx = q.reduce((s, p) => s + p[0], 0) / 4;
  const cy = q.reduce((s, p) => s + p[1], 0) / 4;
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  let nx = -(b[1] - a[1]) / len;
  let ny = (b[0] - a[0]) / len;
  const mx = (a[0] + b[0]) / 2;
  const my = (a[1] + b[1]) / 2;
  if ((cx - mx) * nx + (cy - my) * ny > 0) [nx, ny] = [-nx, -ny]; // point outwards
  const flank = (d: number) => {
    const v: number[] = [];
    // Skip the ends: corners mix both flanks.
    for (let t = 0.1; t <= 0.9; t += 0.8 / Math.max(8, Math.floor(len))) {
      const x = Math.round(a[0] + (b[0] - a[0]) * t + nx * d);
      const y = Math.round(a[1] + (b[1] - a[1]) * t + ny * d);
      if (x >= 0 && y >= 0 && x < w && y < h) v.push(grey[y * w + x]!);
    }
    const mean = v.reduce((s, x) => s + x, 0) / Math.max(1, v.length);
    const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, v.length));
    return { mean, sd, n: v.length };
  };
  // A few offsets: a thin bezel seen edge-on is only a few pixels wide here, and lines are ±1 px.
  return [2, 3, 4, 5].some((d) => {
    const outside = flank(d);
    const inside = flank(-d);
    if (outside.n < 4 || inside.n < 4) return false;
    const even = outside.sd <= inside.sd ? outside : inside;
    return even.sd <= 16 && Math.abs(outside.mean - inside.mean) >= 20;
  });
}

/** Share of the segment's points with a strong edge of the segment's direction within 1 px. */
function sideSupport(a: P, b: P, mag: Float32Array, dir: Float32Array, strong: number, w: number, h: number) {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  if (len < 8) return 0;
  // The segment's normal direction, folded into [0, π).
  let normal = Math.atan2(b[0] - a[0], -(b[1] - a[1]));
  if (normal < 0) normal += Math.PI;
  const n = Math.floor(len);
  let hit = 0;
  for (let s = 0; s <= n; s++) {
    const x = a[0] + ((b[0] - a[0]) * s) / n;
    const y = a[1] + ((b[1] - a[1]) * s) / n;
    let found = false;
    for (let dy = -1; dy <= 1 && !found; dy++)
      for (let dx = -1; dx <= 1 && !found; dx++) {
        const xi = Math.round(x) + dx;
        const yi = Math.round(y) + dy;
        if (xi < 1 || yi < 1 || xi >= w - 1 || yi >= h - 1) continue;
        const i = yi * w + xi;
        if (mag[i]! < strong / 2) continue;
        let d = dir[i]!;
        if (d < 0) d += Math.PI;
        const diff = Math.abs(d - normal);
        found = Math.min(diff, Math.PI - diff) < (15 * Math.PI) / 180;
      }
    if (found) hit++;
  }
  return hit / (n + 1);
}
