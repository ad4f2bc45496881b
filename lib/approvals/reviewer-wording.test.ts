import { describe, expect, it } from "vitest";
import { reviewerFinding } from "./reviewer-wording";

describe("reviewer wording", () => {
  it("states what was measured and the line it crossed, not the advice for the person", () => {
    expect(reviewerFinding({ code: "FACE_TOO_SMALL", severity: "warn", measured: 41.3, threshold: 50 })).toBe(
      "Small face: 41 px between the eyes (warning below 50 px)",
    );
    expect(reviewerFinding({ code: "HEAD_TURNED", severity: "warn", measured: -21.6, threshold: 15 })).toBe(
      "Head turned 22° to the side (warning above 15°)",
    );
    expect(reviewerFinding({ code: "TOO_DARK", severity: "reject", measured: 0.64, threshold: 0.6 })).toBe(
      "64 % of the face is nearly black (refused from 60 %)",
    );
    expect(reviewerFinding({ code: "BLURRY", severity: "warn", measured: 6.25, threshold: 8 })).toMatch(
      /^Soft focus: sharpness 6\.3 \(warning below 8\.0/,
    );
    const worded = reviewerFinding({ code: "FACE_TOO_SMALL", severity: "warn", measured: 41, threshold: 50 });
    expect(worded).not.toMatch(/move closer|your/i);
  });

  it("says something plain when nothing was measured, and never throws on an unknown code", () => {
    expect(reviewerFinding({ code: "FACE_CUT_OFF", severity: "reject" })).toBe(
      "The face is cut off by the photo's edge",
    );
    expect(reviewerFinding({ code: "SOMETHING_NEW", severity: "warn" })).toBe("something new");
  });
});
