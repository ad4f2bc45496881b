/**
 * Halving a tfjs graph model's download: float32 weights stored as float16 (tfjs decodes them back
 * to float32 on load; "quantization": {"dtype": "float16"} in the weights manifest). The face mesh
 * ships that way already; BlazeFace ships float32. Detection precision is unaffected at this size.
 */
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

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE 754 half-precision bits of a float32 (round to nearest; overflow → ±infinity). */
export function toHalfBits(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = ((x >>> 23) & 0xff) - 127 + 15;
  const mant = x & 0x7fffff;
  if (((x >>> 23) & 0xff) === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  if (exp >= 31) return sign | 0x7c00;
  if (exp <= 0) {
    if (exp < -10) return sign;
    const m = (mant | 0x800000) >>> (1 - exp);
    return sign | ((m + 0x1000) >>> 13);
  }
  // A carry out of the mantissa moves into the exponent, which is the correct rounding.
  return (sign | (exp << 10) | (mant >>> 13)) + ((mant >>> 12) & 1);
}

/** The model JSON and weights with every unquantized float32 weight stored as float16. */
export function toFloat16Model(json: string, bin: Uint8Array): { json: string; bin: Buffer } {
  const model = JSON.parse(json) as ModelJson;
  if (model.weightsManifest.length !== 1 || model.weightsManifest[0]!.paths.length !== 1)
    throw new Error("only single-file weights are converted");
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  const parts: Buffer[] = [];
  let at = 0;
  for (const w of model.weightsManifest[0]!.weights) {
    const n = w.shape.reduce((a, b) => a * b, 1);
    const size = n * (BYTES[w.quantization?.dtype ?? w.dtype] ?? NaN);
    if (!Number.isFinite(size) || at + size > bin.byteLength) throw new Error(`cannot convert ${w.name}`);
    if (w.dtype === "float32" && !w.quantization) {
      const half = Buffer.alloc(n * 2);
      for (let i = 0; i < n; i++) half.writeUInt16LE(toHalfBits(view.getFloat32(at + i * 4, true)), i * 2);
      parts.push(half);
      w.quantization = { dtype: "float16", original_dtype: "float32" };
    } else parts.push(Buffer.from(bin.subarray(at, at + size)));
    at += size;
  }
  if (at !== bin.byteLength) throw new Error("weights and manifest disagree");
  return { json: JSON.stringify(model), bin: Buffer.concat(parts) };
}

/** The float32 value of IEEE 754 half-precision bits. */
export function fromHalfBits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}
