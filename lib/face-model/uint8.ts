/**
 * A quarter of a tfjs graph model's float32 download: every float weight tensor stored as 8-bit
 * steps between its own minimum and maximum ("quantization": {"dtype": "uint8", "scale", "min"} in
 * the weights manifest; tfjs restores q × scale + min on load). For the phone's guide only: the
 * server check runs the models as shipped. scripts/model-precision.ts measures what it costs.
 */
import { fromHalfBits } from "./float16";

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string; [key: string]: unknown };
}
interface ModelJson {
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
  [key: string]: unknown;
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

/** The weights of one float tensor as numbers, whether stored as float32 or float16. */
function floatsOf(view: DataView, at: number, n: number, stored: string): Float32Array {
  const out = new Float32Array(n);
  if (stored === "float32") for (let i = 0; i < n; i++) out[i] = view.getFloat32(at + i * 4, true);
  else for (let i = 0; i < n; i++) out[i] = fromHalfBits(view.getUint16(at + i * 2, true));
  return out;
}

export function toUint8Model(json: string, bin: Uint8Array): { json: string; bin: Buffer } {
  const model = JSON.parse(json) as ModelJson;
  if (model.weightsManifest.length !== 1 || model.weightsManifest[0]!.paths.length !== 1)
    throw new Error("only single-file weights are converted");
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  const parts: Buffer[] = [];
  let at = 0;
  for (const w of model.weightsManifest[0]!.weights) {
    const n = w.shape.reduce((a, b) => a * b, 1);
    const stored = w.quantization?.dtype ?? w.dtype;
    const size = n * (BYTES[stored] ?? NaN);
    if (!Number.isFinite(size) || at + size > bin.byteLength) throw new Error(`cannot convert ${w.name}`);
    if (w.dtype === "float32" && (stored === "float32" || stored === "float16")) {
      const values = floatsOf(view, at, n, stored);
      let min = Infinity;
      let max = -Infinity;
      for (const v of values) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (!Number.isFinite(min)) min = max = 0;
      const scale = max > min ? (max - min) / 255 : 1;
      const q = Buffer.alloc(n);
      for (let i = 0; i < n; i++) q[i] = Math.round((values[i]! - min) / scale);
      parts.push(q);
      w.quantization = { dtype: "uint8", scale, min, original_dtype: "float32" };
    } else parts.push(Buffer.from(bin.subarray(at, at + size)));
    at += size;
  }
  if (at !== bin.byteLength) throw new Error("weights and manifest disagree");
  return { json: JSON.stringify(model), bin: Buffer.concat(parts) };
}
