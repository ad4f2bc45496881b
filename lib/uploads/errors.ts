import { statusForReport, type QualityReport } from "@/lib/portrait";
import { issue } from "@/lib/portrait/issues";
import { AppError, isAppError } from "@/lib/errors";

export const LINK_INVALID_MESSAGE = "This link is no longer valid — ask your administrator for a new one.";

/** Used, revoked, expired and unknown links: one answer for all (no oracle). */
export const linkInvalid = () => new AppError("LINK_INVALID", LINK_INVALID_MESSAGE, 410);

/** The loser of a race for the same link. */
export const linkAlreadyUsed = () =>
  new AppError(
    "LINK_ALREADY_USED",
    "This link has already been used — ask your administrator for a new one.",
    410,
  );

/** The photo failed the quality check: the person can fix it and try again with the same link. */
export class QualityRejectedError extends AppError {
  constructor(readonly report: QualityReport) {
    super(
      report.primary?.code ?? "QUALITY_REJECTED",
      report.primary?.message ?? "This photo can’t be used.",
      statusForReport(report),
      undefined,
      {
        report,
      },
    );
  }
}

/** True for a quality rejection from any copy of this module: an AppError that carries its report. */
export function isQualityRejection(error: unknown): error is QualityRejectedError {
  return isAppError(error) && typeof error.extra?.report === "object" && error.extra.report !== null;
}

/**
 * A photo whose upload is over the size limit, refused while its body was read (the check never saw
 * it): the answer the check gives a file one byte over, FILE_TOO_LARGE with its message in both
 * languages, so the phone says "too large" in the person's language, not "something went wrong".
 */
export function fileTooLargeRejection(maxFileBytes: number, qualityChecked: boolean): QualityRejectedError {
  const tooLarge = issue("FILE_TOO_LARGE", "reject", { threshold: maxFileBytes });
  return new QualityRejectedError({
    accepted: false,
    primary: tooLarge,
    issues: [tooLarge],
    metrics: {},
    timingsMs: {},
    qualityChecked,
  });
}
