/**
 * Template comparison. Templates are face-api (dlib ResNet-34) 128-d descriptors compared by
 * Euclidean distance; the 0–100 similarity is linear in the distance: 100 at d = 0, 0 at d ≥ 1.0.
 *
 * SAME_PERSON_SIMILARITY was calibrated with scripts/calibrate.ts (`npm run calibrate`) on pairs
 * built from the faces in face-api's sample photos: same-person pairs are the same face
 * re-photographed by augmentation (crop shift/scale, brightness ±25 %, rotation 8°, JPEG q 40–95,
 * downscaling); different-person pairs are all pairs of different faces. Its numbers are below.
 */
export const MAX_DISTANCE = 1.0;

export function similarityFromDistance(distance: number): number {
  return Math.round(Math.max(0, Math.min(100, 100 * (1 - distance / MAX_DISTANCE))) * 10) / 10;
}

/**
 * Calibration (templates from the human-mesh landmarks, see README "Face engine"), two sets:
 * - face-api's sample faces and augmented copies (scripts/calibrate.ts; all 21 faces found, 126
 *   same- and 210 different-person pairs; measured again when the script moved to scripts/):
 *   same person up to d = 0.413, different people from d = 0.454 (p1 0.477); d ≤ 0.45 → FMR 0 %,
 *   FNMR 0 %; d ≤ 0.5 → FMR 2.4 %.
 * - real photos of the same people taken apart (test/quality-set: franck ×3 video frames, audrey,
 *   cage, bieber and Connery ×2 each; 7 same- and 129 different-person pairs): same person up to
 *   d = 0.460 (bieber, years apart), different people from d = 0.594.
 * For 1:N search a false match is the costly error: d = 0.45 (similarity 55) makes none on either set
 * and matches 6 of the 7 real same-person pairs. Reviewers see the score, not only the boolean.
 */
export const SAME_PERSON_SIMILARITY = 55;

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
