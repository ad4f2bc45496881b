import { describe, expect, it } from "vitest";
import { DEFAULT_THRESHOLDS } from "@/lib/portrait/thresholds";
import { sharpnessBand, thresholdMeaning } from "./threshold-meaning";

describe("what a quality threshold means in plain units", () => {
  it("turns the eye distance into a face width and a share of a 1080-px photo", () => {
    expect(thresholdMeaning("faceTooSmallRejectPx", 24)).toBe(
      "Rejected unless the face is at least 53 pixels wide (eyes 24 px apart) — about 5 % of the width of a 1080-px photo.",
    );
    expect(thresholdMeaning("faceTooSmallWarnPx", 100)).toContain("at least 220 pixels wide");
    expect(thresholdMeaning("faceTooSmallWarnPx", 100)).toContain("about 20 %");
  });

  it("says shares as percentages and sharpness on a lenient…strict scale", () => {
    expect(thresholdMeaning("darkShareReject", 0.6)).toBe(
      "Rejected when 60 % or more of the face is nearly black.",
    );
    expect(thresholdMeaning("brightShareReject", 0.05)).toContain("5 % or more");
    // The calibration in thresholds.ts: σ = 3 px blur measures 3.5, sharp photos 14–17.
    expect(sharpnessBand(DEFAULT_THRESHOLDS.blurRejectLaplacian).word).toBe("balanced");
    expect(sharpnessBand(1).word).toBe("very lenient");
    expect(sharpnessBand(3.5).word).toBe("lenient");
    expect(sharpnessBand(15).word).toBe("extreme");
    expect(thresholdMeaning("blurRejectLaplacian", 8)).toBe(
      "Sharpness 8: strict — rejects clearly blurred photos and some soft ones.",
    );
  });
});
