import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMAGE_INPUTS, orientationDiffs } from "@/test/image-inputs";
import { frontalJpeg } from "@/test/photos";
import { processPortrait, shutdownPortraitWorkers, statusForReport, warmPortraitWorkers } from "./index";

/**
 * Every kind of file of test/image-inputs.ts through the pipeline: the decision it must get (the
 * built server's three doors are held to the same in e2e/security/image-inputs.spec.ts), and for an
 * accepted one, a stored image and thumbnail that stand upright like the original photo, whatever
 * its EXIF orientation (2–8), colour model, bit depth, alpha or animation.
 */

beforeAll(() => warmPortraitWorkers());
afterAll(() => shutdownPortraitWorkers());

let reference: { image: Buffer; thumbnail: Buffer };
beforeAll(async () => {
  const r = await processPortrait(await frontalJpeg(), { qualityCheck: true });
  reference = { image: r.image!, thumbnail: r.thumbnail! };
});

describe("every kind of image file gets its decision", () => {
  for (const input of IMAGE_INPUTS) {
    const expected = input.expect === "accepted" ? "accepted" : `${input.expect.status} ${input.expect.code}`;
    it(`${input.name} → ${expected}`, async () => {
      const bytes = await input.bytes();
      const cpuBefore = process.cpuUsage();
      const r = await processPortrait(bytes, { qualityCheck: true });
      const cpu = process.cpuUsage(cpuBefore);
      const summary = JSON.stringify(r.report.primary);
      if (input.expect === "accepted") {
        expect(r.report.accepted, summary).toBe(true);
        for (const which of ["image", "thumbnail"] as const) {
          const { same, mirrored, upsideDown } = await orientationDiffs(r[which]!, reference[which]);
          expect(same, `${which} like the upright photo`).toBeLessThan(20);
          expect(same, `${which} far closer to upright than mirrored`).toBeLessThan(mirrored / 2);
          expect(same, `${which} far closer to upright than upside down`).toBeLessThan(upsideDown / 2);
        }
      } else {
        expect(r.report.accepted).toBe(false);
        expect(r.report.primary?.code, summary).toBe(input.expect.code);
        expect(statusForReport(r.report)).toBe(input.expect.status);
        expect(r.report.primary!.message).toMatch(/^[A-Z].*\.$/);
        expect(r.report.primary!.messageJa).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
        expect(r.image).toBeNull();
        // A refusal read from the header or the bytes costs milliseconds, never a decode of the bomb.
        if (input.expect.code !== "FACE_NOT_FOUND") expect((cpu.user + cpu.system) / 1000).toBeLessThan(1500);
      }
    });
  }
});

describe("skipping the quality check skips no input check", () => {
  const INPUT_CODES = [
    "FILE_TOO_LARGE",
    "UNSUPPORTED_FORMAT",
    "IMAGE_UNREADABLE",
    "IMAGE_TOO_LARGE",
    "IMAGE_TOO_SMALL",
  ];
  for (const input of IMAGE_INPUTS) {
    if (input.expect === "accepted" || !INPUT_CODES.includes(input.expect.code)) continue;
    const code = input.expect.code;
    it(`${input.name} → ${code} also without the quality check`, async () => {
      const r = await processPortrait(await input.bytes(), { qualityCheck: false });
      expect(r.report.accepted).toBe(false);
      expect(r.report.primary?.code).toBe(code);
      expect(r.image).toBeNull();
    });
  }
});
