import { z } from "zod";

/**
 * Every number the quality check decides with, in one place. Defaults follow docs/QUALITY.md; an
 * organization may override any subset (validated by `qualityThresholdsSchema`).
 * Sizes are in original-image pixels; shares are 0–1; angles are degrees.
 */
export const DEFAULT_THRESHOLDS = {
  maxFileBytes: 15 * 1024 * 1024,
  maxPixels: 50_000_000,
  minShortSidePx: 200,
  /** BlazeFace score a face must reach to count at all. */
  minFaceScore: 0.5,
  /** Below this the face is accepted with a LOW_DETECTION_CONFIDENCE warning. */
  warnFaceScore: 0.8,
  /** Second-largest face area / largest face area. */
  multipleFacesRejectRatio: 0.25,
  multipleFacesWarnRatio: 0.1,
  faceTooSmallRejectPx: 24,
  faceTooSmallWarnPx: 50,
  /** Roll above this is corrected before the template is computed. */
  rollCorrectDeg: 5,
  rollRejectDeg: 45,
  yawWarnDeg: 15,
  yawRejectDeg: 35,
  pitchWarnDeg: 25,
  /** Eye opening / eye-to-chin distance (OFIQ EyesOpen). */
  eyesOpenMinRatio: 0.02,
  /** Inner-lip gap / mouth width. */
  mouthOpenWarnRatio: 0.35,
  /** Share of face pixels with luminance ≤ 25 (TOO_DARK) or ≥ 247 (TOO_BRIGHT). */
  darkShareReject: 0.6,
  darkShareWarn: 0.3,
  brightShareReject: 0.5,
  brightShareWarn: 0.2,
  /** Standard deviation of face luminance (0–255). */
  lowContrastWarnStd: 18,
  /**
   * Laplacian standard deviation on the face normalised to a 64 px eye distance. Sharp fixtures
   * measure 14–17; Gaussian blur σ = 2 px (eye distance ≈ 100 px) → 5.4, σ = 3 → 3.5.
   */
  blurRejectLaplacian: 4,
  blurWarnLaplacian: 8,
  /** |left − right| / brighter half of the face. */
  unevenLightingWarnRatio: 0.4,
  /** Margin around the landmark box (× its size) that should be inside the photo. */
  tightCropMargin: 0.1,
  /** FACE_OCCLUDED (eyes): share of the eye regions much darker than the face's bare skin (occlusion.ts). */
  occludedEyesDarkShare: 0.8,
  /** FACE_OCCLUDED (nose and mouth): share of nose-tip and of lower-lip pixels unlike the face's skin. */
  occludedForeignShare: 0.6,
  /** FACE_OCCLUDED (nose and mouth): share of the strip where nose and mouth must be that is unlike the skin. */
  occludedLowerFaceShare: 0.9,
  /** HEAVY_COMPRESSION: 8×8 block-grid visibility on the face (1 = none; compression.ts). */
  blockinessWarn: 2,
  /** HEAVY_COMPRESSION: estimated JPEG quality at or below this (from the quantisation tables). */
  jpegQualityWarn: 20,
} as const satisfies Record<string, number>;

export type QualityThresholds = { -readonly [K in keyof typeof DEFAULT_THRESHOLDS]: number };

const share = z.number().min(0).max(1);
const degrees = z.number().min(0).max(90);
const positive = z.number().positive();

/** Per-organization overrides: every field optional, unknown fields refused. */
export const qualityThresholdsSchema = z
  .object({
    maxFileBytes: z
      .number()
      .int()
      .min(1024)
      .max(15 * 1024 * 1024),
    maxPixels: z.number().int().min(40_000).max(50_000_000),
    minShortSidePx: z.number().int().min(32).max(4000),
    minFaceScore: share,
    warnFaceScore: share,
    multipleFacesRejectRatio: share,
    multipleFacesWarnRatio: share,
    faceTooSmallRejectPx: positive,
    faceTooSmallWarnPx: positive,
    rollCorrectDeg: degrees,
    rollRejectDeg: degrees,
    yawWarnDeg: degrees,
    yawRejectDeg: degrees,
    pitchWarnDeg: degrees,
    eyesOpenMinRatio: z.number().min(0).max(0.2),
    mouthOpenWarnRatio: z.number().min(0).max(2),
    darkShareReject: share,
    darkShareWarn: share,
    brightShareReject: share,
    brightShareWarn: share,
    lowContrastWarnStd: z.number().min(0).max(128),
    blurRejectLaplacian: z.number().min(0).max(100),
    blurWarnLaplacian: z.number().min(0).max(100),
    unevenLightingWarnRatio: share,
    tightCropMargin: z.number().min(0).max(1),
    occludedEyesDarkShare: share,
    occludedForeignShare: share,
    occludedLowerFaceShare: share,
    blockinessWarn: z.number().min(1).max(10),
    jpegQualityWarn: z.number().int().min(0).max(100),
  })
  .partial()
  .strict();

export type QualityThresholdOverrides = z.infer<typeof qualityThresholdsSchema>;

export function resolveThresholds(overrides?: Partial<QualityThresholds>): QualityThresholds {
  return { ...DEFAULT_THRESHOLDS, ...(overrides ?? {}) };
}
