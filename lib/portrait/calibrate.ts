/**
 * Calibrates SAME_PERSON_SIMILARITY (run: `npx tsx lib/portrait/calibrate.ts`).
 * Faces: every face face-api's detector finds in demo/sample1..6.jpg, cropped at 2.2× its box.
 * Same-person pairs: each face against augmented copies of itself (crop shift/scale, brightness,
 * rotation 8°, JPEG quality 40, downscale to half). Different-person pairs: all pairs of faces.
 * Prints both distance distributions and the threshold with zero false matches and its false
 * non-match rate.
 */
import sharp from "sharp";
import { processPortrait, shutdownPortraitWorkers } from "./index";
import { templateDistance } from "./compare";
import { samplePath } from "./test-fixtures";

const FACES: [number, number, number, number, number][] = [
  [1, 414, 355, 177, 240],
  [1, 838, 421, 186, 228],
  [1, 1476, 199, 203, 241],
  [2, 1447, 153, 194, 242],
  [2, 902, 220, 151, 233],
  [3, 585, 329, 199, 271],
  [3, 1514, 292, 170, 280],
  [3, 1075, 215, 220, 299],
  [4, 664, 53, 187, 258],
  [4, 257, 185, 162, 245],
  [4, 989, 180, 169, 227],
  [4, 1277, 144, 145, 244],
  [5, 787, 109, 156, 212],
  [5, 1113, 198, 158, 236],
  [5, 1406, 390, 165, 271],
  [5, 598, 415, 166, 249],
  [5, 377, 859, 172, 301],
  [6, 681, 321, 160, 307],
  [6, 1180, 305, 188, 280],
  [6, 1487, 263, 212, 296],
  [6, 250, 468, 210, 291],
];

async function faceCrop(n: number, x: number, y: number, w: number, h: number, k = 1.6, dx = 0) {
  const img = sharp(samplePath(n));
  const { width = 0, height = 0 } = await img.metadata();
  const side = Math.max(w, h) * k;
  const left = Math.max(0, Math.round(x + w / 2 - side / 2 + dx * w));
  const top = Math.max(0, Math.round(y + h / 2 - side / 2));
  return sharp(samplePath(n)).extract({
    left,
    top,
    width: Math.min(width - left, Math.round(side)),
    height: Math.min(height - top, Math.round(side)),
  });
}

const template = async (buf: Buffer) => (await processPortrait(buf, { qualityCheck: false })).template;

const augment: [string, (n: number, b: number[]) => Promise<Buffer>][] = [
  [
    "shift",
    (n, [x, y, w, h]) =>
      faceCrop(n, x!, y!, w!, h!, 1.8, 0.12).then((s) => s.jpeg({ quality: 90 }).toBuffer()),
  ],
  [
    "bright",
    (n, [x, y, w, h]) =>
      faceCrop(n, x!, y!, w!, h!).then((s) => s.linear(1.25, 5).jpeg({ quality: 90 }).toBuffer()),
  ],
  [
    "dark",
    (n, [x, y, w, h]) =>
      faceCrop(n, x!, y!, w!, h!).then((s) => s.linear(0.75, 0).jpeg({ quality: 90 }).toBuffer()),
  ],
  [
    "rotate",
    (n, [x, y, w, h]) =>
      faceCrop(n, x!, y!, w!, h!).then(async (s) =>
        sharp(await s.toBuffer())
          .rotate(8)
          .jpeg({ quality: 90 })
          .toBuffer(),
      ),
  ],
  ["q40", (n, [x, y, w, h]) => faceCrop(n, x!, y!, w!, h!).then((s) => s.jpeg({ quality: 40 }).toBuffer())],
  [
    "half",
    (n, [x, y, w, h]) =>
      faceCrop(n, x!, y!, w!, h!, 2.2).then(async (s) =>
        s.resize({ width: 260 }).jpeg({ quality: 85 }).toBuffer(),
      ),
  ],
];

const base: number[][] = [];
const same: number[] = [];
for (const [n, x, y, w, h] of FACES) {
  const t = await template(await (await faceCrop(n, x, y, w, h)).jpeg({ quality: 95 }).toBuffer());
  if (!t) continue;
  base.push(t);
  for (const [, make] of augment) {
    const a = await template(await make(n, [x, y, w, h]));
    if (a) same.push(templateDistance(t, a));
  }
}
const diff: number[] = [];
for (let i = 0; i < base.length; i++)
  for (let j = i + 1; j < base.length; j++) diff.push(templateDistance(base[i]!, base[j]!));
const q = (v: number[], p: number) =>
  [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(p * v.length))]!;
console.log(`faces ${base.length}, same pairs ${same.length}, different pairs ${diff.length}`);
console.log(
  `same: median ${q(same, 0.5).toFixed(3)} p95 ${q(same, 0.95).toFixed(3)} max ${Math.max(...same).toFixed(3)}`,
);
console.log(
  `diff: min ${Math.min(...diff).toFixed(3)} p1 ${q(diff, 0.01).toFixed(3)} p5 ${q(diff, 0.05).toFixed(3)} median ${q(diff, 0.5).toFixed(3)}`,
);
for (const d of [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]) {
  console.log(
    `d ≤ ${d}: FNMR ${(same.filter((s) => s > d).length / same.length).toFixed(3)}, FMR ${(diff.filter((s) => s <= d).length / diff.length).toFixed(3)}`,
  );
}
await shutdownPortraitWorkers();
