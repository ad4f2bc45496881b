/**
 * Portrait pipeline: bytes in → quality report, normalized image, thumbnail and face template out.
 * Pure: no HTTP, no database. Face inference runs in a worker-thread pool (see pool.ts).
 *
 * Images: `image` (JPEG, long side ≤ 1024, upright, metadata stripped) and `thumbnail` (128×128 WebP)
 * are returned whenever the photo was accepted and decoded, regardless of the link's "do not store
 * the image" condition: an approval request needs the image until it is decided, so whether to keep
 * them is the caller's decision. Rejected photos return neither.
 *
 * `qualityCheck: false` still refuses undecodable input (its input code), computes a template when a
 * human face is found, and otherwise accepts with a FACE_NOT_FOUND warning and `template: null`.
 */
export { processPortrait } from "./process";
export type { PortraitResult, ProcessOptions, QualityReport, FaceSummary } from "./report";
export type { QualityCode, QualityIssue, Severity } from "./issues";
export { QUALITY_CODES } from "./issues";
export { DEFAULT_THRESHOLDS, qualityThresholdsSchema, resolveThresholds } from "./thresholds";
export type { QualityThresholds, QualityThresholdOverrides } from "./thresholds";
export { compareTemplates, SAME_PERSON_SIMILARITY, similarityFromDistance } from "./compare";
export { LEGACY_TEMPLATE_MODEL, TEMPLATE_MODEL } from "./model";
export {
  isPortraitBusy,
  PortraitBusyError,
  shutdownPortraitWorkers,
  warmPortraitWorkers,
  withPortraitAdmission,
} from "./pool";
export { statusForReport } from "./status";
