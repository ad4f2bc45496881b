/**
 * A single-file tfjs graph model (model JSON + one .bin) with every float weight tensor stored anew,
 * tensor by tensor; other tensors (int32 shapes and indices) pass through byte for byte. What is
 * stored is said in the tensor's "quantization" entry of the weights manifest, which tfjs reads to
 * restore float32 values on load.
 */
import { fromHalfBits } from "./half";

export interface Quantization {
  dtype: string;
  [key: string]: unknown;
}
interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: Quantization;
}
interface ModelJson {
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
  [key: string]: unknown;
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

/** How one float tensor's values are stored: its bytes and the manifest entry that says how. */
export type FloatEncoder = (values: Float32Array) => { bytes: Buffer; quantization: Quantization };

export function restoreFloatWeights(
  json: string,
  bin: Uint8Array,
  encode: FloatEncoder,
): { json: string; bin: Buffer } {
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
      const values = new Float32Array(n);
      for (let i = 0; i < n; i++)
        values[i] =
          stored === "float32"
            ? view.getFloat32(at + i * 4, true)
            : fromHalfBits(view.getUint16(at + i * 2, true));
      const { bytes, quantization } = encode(values);
      parts.push(bytes);
      w.quantization = { ...quantization, original_dtype: "float32" };
    } else parts.push(Buffer.from(bin.subarray(at, at + size)));
    at += size;
  }
  if (at !== bin.byteLength) throw new Error("weights and manifest disagree");
  return { json: JSON.stringify(model), bin: Buffer.concat(parts) };
}
