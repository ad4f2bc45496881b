import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { DEFAULT_THRESHOLDS } from "@/lib/portrait/thresholds";
import en from "@/messages/en.json";
import ja from "@/messages/ja.json";
import { sharpnessBand, thresholdMessage, type ThresholdKey } from "./threshold-meaning";

// The sentence as the settings page shows it: the message with the numbers thresholdMessage gives.
const meaning = (key: ThresholdKey, value: number, locale: "en" | "ja" = "en") => {
  const t = createTranslator({
    locale,
    messages: locale === "ja" ? ja : en,
    namespace: "thresholds.meaning",
  });
  const m = thresholdMessage(key, value);
  return t(m.key, m.values);
};

describe("what a quality threshold means in plain units", () => {
  it("turns the eye distance into a face width and a share of a 1080-px photo", () => {
    expect(meaning("faceTooSmallRejectPx", 24)).toBe(
      "Rejected unless the face is at least 53 pixels wide (eyes 24 px apart) — about 5 % of the width of a 1080-px photo.",
    );
    expect(meaning("faceTooSmallWarnPx", 100)).toContain("at least 220 pixels wide");
    expect(meaning("faceTooSmallWarnPx", 100)).toContain("about 20 %");
    expect(meaning("faceTooSmallWarnPx", 100, "ja")).toContain("顔の幅が 220 ピクセル");
  });

  it("says shares as percentages and sharpness on a lenient…strict scale", () => {
    expect(meaning("darkShareReject", 0.6)).toBe("Rejected when 60 % or more of the face is nearly black.");
    expect(meaning("brightShareReject", 0.05)).toContain("5 % or more");
    // The calibration in thresholds.ts: σ = 3 px blur measures 3.5, sharp photos 14–17.
    expect(sharpnessBand(DEFAULT_THRESHOLDS.blurRejectLaplacian).key).toBe("balanced");
    expect(sharpnessBand(1).key).toBe("veryLenient");
    expect(sharpnessBand(3.5).key).toBe("lenient");
    expect(sharpnessBand(15).key).toBe("extreme");
    expect(meaning("blurRejectLaplacian", 8)).toBe(
      "Sharpness 8: strict — rejects clearly blurred photos and some soft ones.",
    );
    expect(meaning("blurRejectLaplacian", 8, "ja")).toContain("厳しめ");
  });
});
