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

/**
 * Calibration run (15 faces with a template, 88 same-person and 105 different-person pairs):
 *   same-person distance: median 0.141, p95 0.273, max 0.312
 *   different-person:     min 0.431, p1 0.470, p5 0.608, median 0.737
 *   d ≤ 0.40 → FNMR 0 %, FMR 0 %;  d ≤ 0.45 → FMR 1.0 %;  d ≤ 0.60 (face-api's 1:1 default) → FMR 4.8 %.
 * The sample faces are similar-looking young women, so different people sit far closer than face-api's
 * 0.6 suggests; for 1:N search a false match is the costly error. We take d = 0.40, the middle of the
 * empty gap between the two distributions, i.e. similarity 60. Augmented copies of one photo are easier
 * than two real photos of a person, so expect real same-person pairs to score 50–80: reviewers should
 * see the score, not only the boolean.
 */
export const SAME_PERSON_SIMILARITY = 60;

export function templateDistance(a: number[], b: number[]): number {
  if (a.length !== b.length || a.length === 0)
    throw new Error("templates must have the same, non-zero length");
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    sum += d * d;
  }
  return Math.sqrt(sum);
}

export function compareTemplates(
  a: number[],
  b: number[],
): { distance: number; similarity: number; samePerson: boolean } {
  const distance = templateDistance(a, b);
  const similarity = similarityFromDistance(distance);
  return { distance, similarity, samePerson: similarity >= SAME_PERSON_SIMILARITY };
}
