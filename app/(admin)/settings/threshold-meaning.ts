/**
 * What a quality threshold means, in words a person setting it understands. The stored values stay
 * what the quality check uses (pixels between the eyes, 0–1 shares, a sharpness measure); these
 * sentences translate them. The numbers behind the translations come from lib/portrait/thresholds.ts.
 */

/** A typical phone photo sent at full HD: the yardstick the face-size sentences use. */
export const REFERENCE_PHOTO_PX = 1080;
/** A face is about 2.2 times as wide as the distance between its eyes (pupils ≈ 63 mm, face ≈ 140 mm). */
export const FACE_WIDTH_PER_EYE_DISTANCE = 2.2;

export const faceWidthPx = (eyeDistancePx: number) => Math.round(eyeDistancePx * FACE_WIDTH_PER_EYE_DISTANCE);
export const shareOfReferencePhoto = (px: number) => Math.round((px / REFERENCE_PHOTO_PX) * 100);

/**
 * Sharpness is the face's Laplacian spread at a fixed scale: sharp phone photos measure 14–17, a
 * slightly soft one about 8, a clearly blurred one (Gaussian σ = 2 px) 5.4, a heavily blurred one
 * (σ = 3 px) 3.5. The bands below are read off those measurements.
 */
const SHARPNESS_BANDS = [
  { below: 2, key: "veryLenient" },
  { below: 4, key: "lenient" },
  { below: 6, key: "balanced" },
  { below: 10, key: "strict" },
  { below: 14, key: "veryStrict" },
  { below: Infinity, key: "extreme" },
] as const;

/** Where a sharpness value sits on the lenient…strict scale (its words: thresholds.bands.<key>). */
export function sharpnessBand(value: number) {
  return SHARPNESS_BANDS.find((b) => value < b.below)!;
}

/** The upper end of the preview scale: a little past the sharpest photos. */
export const SHARPNESS_SCALE_MAX = 20;

export type ThresholdKey =
  | "faceTooSmallRejectPx"
  | "faceTooSmallWarnPx"
  | "yawRejectDeg"
  | "yawWarnDeg"
  | "darkShareReject"
  | "brightShareReject"
  | "blurRejectLaplacian"
  | "minShortSidePx";

/**
 * The sentence saying what the value does to an upload, as a message (thresholds.meaning.<key>)
 * and the numbers it needs; the words are in messages/<locale>.json.
 */
export function thresholdMessage(key: ThresholdKey, value: number) {
  const face = faceWidthPx(value);
  return {
    key,
    values: {
      value,
      face,
      share: shareOfReferencePhoto(face),
      reference: REFERENCE_PHOTO_PX,
      percent: Math.round(value * 100),
      band: sharpnessBand(value).key,
    },
  };
}
