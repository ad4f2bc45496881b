import type { WireBox } from "./worker-protocol";
import type { QualityIssue } from "./issues";
import type { QualityThresholds } from "./thresholds";

/** What processPortrait answers: the quality report (stored with an approval request) and outputs. */
export interface FaceSummary {
  /** Original-image pixels, upright (after EXIF orientation). */
  box: WireBox;
  landmarks: [number, number][];
  interEyePx: number;
  rollDeg: number;
  yawDeg: number;
  pitchDeg: number;
  /** BlazeFace detection score. */
  score: number;
}

export interface QualityReport {
  accepted: boolean;
  primary: QualityIssue | null;
  issues: QualityIssue[];
  metrics: Record<string, number>;
  face?: FaceSummary;
  timingsMs: Record<string, number>;
  /** false when the caller asked to skip the quality check (only input problems can reject). */
  qualityChecked: boolean;
}

export interface ProcessOptions {
  qualityCheck: boolean;
  thresholds?: Partial<QualityThresholds>;
}

export interface PortraitResult {
  report: QualityReport;
  /** 128 floats, or null when no usable face (or the photo was rejected). */
  template: number[] | null;
  /** The model that made `template` (TEMPLATE_MODEL), null with it. Store it with the template. */
  templateModel: string | null;
  /** Normalized JPEG (upright, sRGB, no metadata, long side ≤ 1024) whenever the photo was accepted. */
  image: Buffer | null;
  /** 128×128 WebP around the face, same rule as `image`. */
  thumbnail: Buffer | null;
  width?: number;
  height?: number;
}
