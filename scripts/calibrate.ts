/**
 * Calibrates SAME_PERSON_SIMILARITY (run: `npm run calibrate`).
 * Faces: every face face-api's detector finds in demo/sample1..6.jpg, cropped at 1.6× its box.
 * Same-person pairs: each face against augmented copies of itself (crop shift/scale, brightness,
 * rotation 8°, JPEG quality 40, downscale to half). Different-person pairs: all pairs of faces.
 * Prints both distance distributions and the threshold with zero false matches and its false
 * non-match rate.
 */
import sharp from "sharp";
import { processPortrait, shutdownPortraitWorkers } from "@/lib/portrait";
import { templateDistance } from "@/lib/portrait/compare";
import { faceCrop, SAMPLE_FACES, type FaceBox } from "@/test/faces";

const template = async (buf: Buffer) => (await processPortrait(buf, { qualityCheck: false })).template;

const augment: [string, (box: FaceBox) => Promise<Buffer>][] = [
  ["shift", (box) => faceCrop(box, 1.8, 0.12).then((s) => s.jpeg({ quality: 90 }).toBuffer())],
  ["bright", (box) => faceCrop(box).then((s) => s.linear(1.25, 5).jpeg({ quality: 90 }).toBuffer())],
  ["dark", (box) => faceCrop(box).then((s) => s.linear(0.75, 0).jpeg({ quality: 90 }).toBuffer())],
  [
    "rotate",
    (box) =>
      faceCrop(box).then(async (s) =>
        sharp(await s.toBuffer())
          .rotate(8)
          .jpeg({ quality: 90 })
          .toBuffer(),
      ),
  ],
  ["q40", (box) => faceCrop(box).then((s) => s.jpeg({ quality: 40 }).toBuffer())],
  [
    "half",
    (box) => faceCrop(box, 2.2).then(async (s) => s.resize({ width: 260 }).jpeg({ quality: 85 }).toBuffer()),
  ],
];

const base: number[][] = [];
const same: number[] = [];
for (const box of SAMPLE_FACES) {
  const t = await template(await (await faceCrop(box)).jpeg({ quality: 95 }).toBuffer());
  if (!t) continue;
  base.push(t);
  for (const [, make] of augment) {
    const a = await template(await make(box));
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
