/**
 * A quarter of a tfjs graph model's float32 download: every float weight tensor stored as 8-bit
 * steps between its own minimum and maximum ("quantization": {"dtype": "uint8", "scale", "min"} in
 * the weights manifest; tfjs restores q × scale + min on load). For the phone's guide only: the
 * server check runs the models as shipped. scripts/model-precision.ts measures what it costs.
 */
import { restoreFloatWeights } from "./weights";

export function toUint8Model(json: string, bin: Uint8Array): { json: string; bin: Buffer } {
  return restoreFloatWeights(json, bin, (values) => {
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (!Number.isFinite(min)) min = max = 0;
    const scale = max > min ? (max - min) / 255 : 1;
    const bytes = Buffer.alloc(values.length);
    for (let i = 0; i < values.length; i++) bytes[i] = Math.round((values[i]! - min) / scale);
    return { bytes, quantization: { dtype: "uint8", scale, min } };
  });
}
