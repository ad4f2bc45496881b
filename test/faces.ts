import sharp from "sharp";
import { samplePath } from "@/lib/portrait/test-fixtures";

/** Face boxes [sample, x, y, w, h] found by running face-api's detector on its demo photos once. */
export const FACE_BOXES: [number, number, number, number, number][] = [
  [1, 414, 355, 177, 240],
  [1, 838, 421, 186, 228],
  [1, 1476, 199, 203, 241],
  [2, 1447, 153, 194, 242],
  [2, 902, 220, 151, 233],
  [3, 585, 329, 199, 271],
  [3, 1514, 292, 170, 280],
  [3, 1075, 215, 220, 299],
  [4, 664, 53, 187, 258],
  [4, 989, 180, 169, 227],
  [5, 787, 109, 156, 212],
  [5, 1113, 198, 158, 236],
  [6, 1180, 305, 188, 280],
  [6, 1487, 263, 212, 296],
];

/** A portrait-like crop around one face; `variant` makes a different photo of the same person. */
export async function facePhoto(index: number, variant: "enrol" | "other" = "enrol"): Promise<Buffer> {
  const [n, x, y, w, h] = FACE_BOXES[index]!;
  const image = sharp(samplePath(n));
  const { width = 0, height = 0 } = await image.metadata();
  const k = variant === "enrol" ? 1.6 : 2.0;
  const dx = variant === "enrol" ? 0 : 0.1 * w;
  const side = Math.max(w, h) * k;
  const left = Math.max(0, Math.round(x + w / 2 - side / 2 + dx));
  const top = Math.max(0, Math.round(y + h / 2 - side / 2));
  const crop = sharp(samplePath(n)).extract({
    left,
    top,
    width: Math.min(width - left, Math.round(side)),
    height: Math.min(height - top, Math.round(side)),
  });
  if (variant === "enrol") return crop.jpeg({ quality: 92 }).toBuffer();
  // Another "shot": mirrored, wider framing, brighter, smaller and more compressed.
  return sharp(await crop.flop().linear(1.15, 8).toBuffer())
    .resize({ width: 300 })
    .jpeg({ quality: 70 })
    .toBuffer();
}
