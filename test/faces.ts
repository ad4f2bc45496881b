import sharp, { type Sharp } from "sharp";
import { samplePath } from "@/test/photos";

/** A face box in one of face-api's demo photos: [sample number, x, y, width, height]. */
export type FaceBox = [number, number, number, number, number];

/**
 * Every face face-api's detector finds in its demo photos (sample1..6.jpg), found by running it once:
 * scripts/calibrate.ts calibrates the same-person threshold on all of them.
 */
export const SAMPLE_FACES: FaceBox[] = [
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

/**
 * The fourteen faces the search tests enrol (SAMPLE_FACES without the seven at these indexes): the
 * set the search tests' expectations were measured on, kept fixed so they stay comparable.
 */
const NOT_ENROLLED = new Set([9, 11, 14, 15, 16, 17, 20]);
export const FACE_BOXES: FaceBox[] = SAMPLE_FACES.filter((_, i) => !NOT_ENROLLED.has(i));

/**
 * A square crop around one face: `k` times the box's longer side, moved right by `dx` box widths,
 * clipped to the photo.
 */
export async function faceCrop([n, x, y, w, h]: FaceBox, k = 1.6, dx = 0): Promise<Sharp> {
  const { width = 0, height = 0 } = await sharp(samplePath(n)).metadata();
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

/** A portrait-like crop around one face; `variant` makes a different photo of the same person. */
export async function facePhoto(index: number, variant: "enrol" | "other" = "enrol"): Promise<Buffer> {
  const box = FACE_BOXES[index]!;
  if (variant === "enrol") return (await faceCrop(box)).jpeg({ quality: 92 }).toBuffer();
  // Another "shot": mirrored, wider framing, brighter, smaller and more compressed.
  const crop = await faceCrop(box, 2.0, 0.1);
  return sharp(await crop.flop().linear(1.15, 8).toBuffer())
    .resize({ width: 300 })
    .jpeg({ quality: 70 })
    .toBuffer();
}
