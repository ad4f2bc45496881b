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
  { below: 2, word: "very lenient", example: "accepts even heavily blurred photos" },
  { below: 4, word: "lenient", example: "accepts clearly blurred photos, rejects only the worst" },
  { below: 6, word: "balanced", example: "rejects heavily blurred photos, accepts slightly soft ones" },
  { below: 10, word: "strict", example: "rejects clearly blurred photos and some soft ones" },
  { below: 14, word: "very strict", example: "rejects anything not crisp" },
  { below: Infinity, word: "extreme", example: "may reject sharp phone photos too (they measure 14–17)" },
] as const;

/** Where a sharpness value sits on the lenient…strict scale. */
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

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** One sentence saying what the value does to an upload. */
export function thresholdMeaning(key: ThresholdKey, value: number): string {
  switch (key) {
    case "faceTooSmallRejectPx":
    case "faceTooSmallWarnPx": {
      const face = faceWidthPx(value);
      const verb = key === "faceTooSmallRejectPx" ? "Rejected" : "A warning";
      return `${verb} unless the face is at least ${face} pixels wide (eyes ${value} px apart) — about ${shareOfReferencePhoto(face)} % of the width of a ${REFERENCE_PHOTO_PX}-px photo.`;
    }
    case "yawRejectDeg":
    case "yawWarnDeg":
      return `${key === "yawRejectDeg" ? "Rejected" : "A warning"} when the head is turned more than ${value}° to the side (0° looks straight at the camera, 90° is a profile).`;
    case "darkShareReject":
      return `Rejected when ${percent(value)} or more of the face is nearly black.`;
    case "brightShareReject":
      return `Rejected when ${percent(value)} or more of the face is washed out to white.`;
    case "blurRejectLaplacian": {
      const band = sharpnessBand(value);
      return `Sharpness ${value}: ${band.word} — ${band.example}.`;
    }
    case "minShortSidePx":
      return `Rejected when the photo is smaller than ${value} pixels on its short side (a phone photo has 1000–3000).`;
  }
}
