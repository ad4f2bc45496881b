/**
 * Halving a tfjs graph model's download: float32 weights stored as float16 (tfjs decodes them back
 * to float32 on load; "quantization": {"dtype": "float16"} in the weights manifest). The face mesh
 * ships that way already; BlazeFace ships float32. Detection precision is unaffected at this size.
 */
import { toHalfBits } from "./half";
import { restoreFloatWeights } from "./weights";

export function toFloat16Model(json: string, bin: Uint8Array): { json: string; bin: Buffer } {
  return restoreFloatWeights(json, bin, (values) => {
    const bytes = Buffer.alloc(values.length * 2);
    for (let i = 0; i < values.length; i++) bytes.writeUInt16LE(toHalfBits(values[i]!), i * 2);
    return { bytes, quantization: { dtype: "float16" } };
  });
}
