import type { QualityReport } from "./report";

/** HTTP status for a rejected report: input-size and format problems get their own codes. */
export function statusForReport(report: Pick<QualityReport, "primary">): 413 | 415 | 422 {
  if (report.primary?.code === "FILE_TOO_LARGE") return 413;
  if (report.primary?.code === "UNSUPPORTED_FORMAT") return 415;
  return 422;
}
