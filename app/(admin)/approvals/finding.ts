import { useTranslations } from "next-intl";
import type { MeasuredIssue } from "@/lib/approvals/reviewer-wording";

// The measured values as the reviewer reads them (the same rounding as lib/approvals/reviewer-wording.ts).
const pct = (v: number) => `${Math.round(v * 100)} %`;
const num = (v: number) => (Math.abs(v) >= 10 ? Math.round(v).toString() : v.toFixed(1));
const deg = (v: number) => `${Math.round(Math.abs(v))}°`;

/** How each measured finding's numbers are shown; codes not listed have a plain message. */
const UNITS: Record<string, (v: number) => string> = {
  FACE_TOO_SMALL: num,
  HEAD_TURNED: deg,
  HEAD_TILTED: deg,
  HEAD_TILTED_UP_DOWN: deg,
  TOO_DARK: pct,
  TOO_BRIGHT: pct,
  LOW_CONTRAST: num,
  BLURRY: num,
  LOW_DETECTION_CONFIDENCE: pct,
  MOUTH_OPEN: pct,
  UNEVEN_LIGHTING: pct,
  MULTIPLE_FACES: pct,
  EYES_CLOSED: pct,
  HEAVY_COMPRESSION: num,
};

/** A quality finding in the reviewer's words and the user's language: what was measured, and the limit. */
export function useFinding(): (issue: MeasuredIssue) => string {
  const t = useTranslations("findings");
  return (issue) => {
    const unit = UNITS[issue.code];
    const limit = t(issue.severity === "reject" ? "limit.refused" : "limit.warning");
    if (
      unit &&
      typeof issue.measured === "number" &&
      typeof issue.threshold === "number" &&
      t.has(`measured.${issue.code}` as never)
    )
      return t(
        `measured.${issue.code}` as never,
        { m: unit(issue.measured), t: unit(issue.threshold), limit } as never,
      );
    if (t.has(`plain.${issue.code}` as never)) return t(`plain.${issue.code}` as never);
    return issue.code;
  };
}
