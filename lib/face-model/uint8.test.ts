import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fromHalfBits } from "./half";
import { toUint8Model } from "./uint8";

const models = path.join(process.cwd(), "node_modules/@vladmandic/human/models");
const read = (name: string) => readFileSync(path.join(models, name));

interface Spec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string; scale?: number; min?: number };
}
const specsOf = (json: string) =>
  (JSON.parse(json) as { weightsManifest: { weights: Spec[] }[] }).weightsManifest[0]!.weights;
const count = (w: Spec) => w.shape.reduce((a, b) => a * b, 1);

describe("uint8 model weights", () => {
  it("stores the face mesh's float16 weights in 8-bit steps: half the bytes, each value within half a step", () => {
    const [json, bin] = [read("facemesh.json").toString("utf8"), read("facemesh.bin")];
    const out = toUint8Model(json, bin);
    expect(out.bin.byteLength / bin.byteLength).toBeGreaterThan(0.49);
    expect(out.bin.byteLength / bin.byteLength).toBeLessThan(0.52);
    const [before, after] = [specsOf(json), specsOf(out.json)];
    let [at, at8, checked] = [0, 0, 0];
    for (const [i, w] of before.entries()) {
      const q = after[i]!;
      const n = count(w);
      if (w.dtype !== "float32") {
        // int32 tensors (shapes, indices) pass through byte for byte.
        expect(q.quantization).toBeUndefined();
        expect(out.bin.subarray(at8, at8 + n * 4).equals(bin.subarray(at, at + n * 4))).toBe(true);
        [at, at8] = [at + n * 4, at8 + n * 4];
        continue;
      }
      expect(q.quantization?.dtype).toBe("uint8");
      const { scale, min } = q.quantization as { scale: number; min: number };
      for (let k = 0; k < n; k += 97) {
        const original = fromHalfBits(bin.readUInt16LE(at + k * 2));
        const restored = out.bin[at8 + k]! * scale + min; // what tfjs computes on load
        expect(Math.abs(restored - original)).toBeLessThanOrEqual(scale / 2 + 1e-6);
        checked++;
      }
      [at, at8] = [at + n * 2, at8 + n];
    }
    expect(at8).toBe(out.bin.byteLength);
    expect(checked).toBeGreaterThan(5000);
  });

  it("refuses weights that do not match their manifest (nothing half-converted is served)", () => {
    const json = read("facemesh.json").toString("utf8");
    expect(() => toUint8Model(json, read("facemesh.bin").subarray(0, 1000))).toThrow(/cannot convert/);
  });
});
