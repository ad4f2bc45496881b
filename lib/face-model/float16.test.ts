import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { toFloat16Model } from "./float16";
import { fromHalfBits, toHalfBits } from "./half";

const models = path.join(process.cwd(), "node_modules/@vladmandic/human/models");

describe("float16 model weights", () => {
  it("rounds to the nearest half and keeps the specials", () => {
    for (const v of [0, 1, -1, 0.5, 0.1, -3.14159, 65504, 6.1e-5, 1e-6, -2.5e-7])
      expect(Math.abs(fromHalfBits(toHalfBits(v)) - v)).toBeLessThanOrEqual(
        Math.abs(v) * 2 ** -11 + 2 ** -25,
      );
    expect(fromHalfBits(toHalfBits(1e6))).toBe(Infinity);
    expect(fromHalfBits(toHalfBits(-1e6))).toBe(-Infinity);
    expect(Number.isNaN(fromHalfBits(toHalfBits(NaN)))).toBe(true);
    expect(toHalfBits(1 + 2 ** -11 + 2 ** -12)).toBe(0x3c01); // rounds up past the halfway point
  });

  it("halves BlazeFace's float32 weights, keeps int32 ones, and decodes back to the same values", () => {
    const json = readFileSync(path.join(models, "blazeface.json"), "utf8");
    const bin = readFileSync(path.join(models, "blazeface.bin"));
    const out = toFloat16Model(json, bin);
    expect(out.bin.length).toBeLessThan(bin.length * 0.55);
    const weights = (
      JSON.parse(out.json) as {
        weightsManifest: {
          weights: { dtype: string; shape: number[]; quantization?: { dtype: string } }[];
        }[];
      }
    ).weightsManifest[0]!.weights;
    // Walk both files in step: each float16 decodes to its float32 within half-precision rounding.
    let a = 0;
    let b = 0;
    let worst = 0;
    for (const w of weights) {
      const n = w.shape.reduce((x, y) => x * y, 1);
      if (w.quantization?.dtype === "float16") {
        for (let i = 0; i < n; i++) {
          const original = bin.readFloatLE(a + i * 4);
          const back = fromHalfBits(out.bin.readUInt16LE(b + i * 2));
          worst = Math.max(worst, Math.abs(back - original) / Math.max(1e-3, Math.abs(original)));
        }
        a += n * 4;
        b += n * 2;
      } else {
        expect(w.dtype).toBe("int32");
        expect(out.bin.subarray(b, b + n * 4).equals(bin.subarray(a, a + n * 4))).toBe(true);
        a += n * 4;
        b += n * 4;
      }
    }
    expect(a).toBe(bin.length);
    expect(b).toBe(out.bin.length);
    expect(worst).toBeLessThan(0.01);
  });

  it("refuses weights that do not match their manifest", () => {
    const json = readFileSync(path.join(models, "blazeface.json"), "utf8");
    expect(() => toFloat16Model(json, new Uint8Array(100))).toThrow();
  });
});
