/**
 * The face engine the upload page runs on the phone, served by the app itself (no CDN): the files,
 * where they come from in node_modules, and the version in their URL. The URL changes whenever the
 * files do (package upgrade or a change here), so they can be cached for good.
 */
export const FACE_MODEL_VERSION = "human-3.3.6.tfjs-4.22.0.3";
export const FACE_MODEL_BASE = `/face-model/${FACE_MODEL_VERSION}/`;

/** The phone's engine: its code (an ES module) and the models it always loads, whatever the backend. */
export const FACE_ENGINE_CODE = "human.esm.js";
export const FACE_ENGINE_MODELS = ["blazeface.json", "blazeface.bin", "facemesh.json", "facemesh.bin"];

export interface FaceModelFile {
  /** Package and path inside it. */
  pkg: "@vladmandic/human" | "@tensorflow/tfjs-backend-wasm";
  path: string;
  type: string;
  /** Served with its float32 weights stored as float16 (float16.ts): half the download. */
  float16?: boolean;
  /**
   * Served with its float weights stored as 8-bit steps (uint8.ts): half of float16. The face mesh
   * only: its landmarks move by 0.4 % of the eye distance (median; pose 0.4°) and the guide's hint
   * stays the same on 343 of 345 frames, while BlazeFace's boxes degrade (`scripts/model-precision.ts`).
   */
  uint8?: boolean;
}

const human = (path: string, type: string): FaceModelFile => ({ pkg: "@vladmandic/human", path, type });
const wasm = (name: string): FaceModelFile => ({
  pkg: "@tensorflow/tfjs-backend-wasm",
  path: `dist/${name}`,
  type: "application/wasm",
});

/** Every file the page may ask for; anything else is a 404. */
export const FACE_MODEL_FILES: Readonly<Record<string, FaceModelFile>> = {
  // The browser build with tfjs (WebGL and WASM backends) bundled in.
  "human.esm.js": human("dist/human.esm.js", "text/javascript; charset=utf-8"),
  "blazeface.json": { ...human("models/blazeface.json", "application/json"), float16: true },
  "blazeface.bin": { ...human("models/blazeface.bin", "application/octet-stream"), float16: true },
  "facemesh.json": { ...human("models/facemesh.json", "application/json"), uint8: true },
  "facemesh.bin": { ...human("models/facemesh.bin", "application/octet-stream"), uint8: true },
  // The WASM backend, when WebGL is missing; the threaded build is never used (no cross-origin isolation).
  "tfjs-backend-wasm.wasm": wasm("tfjs-backend-wasm.wasm"),
  "tfjs-backend-wasm-simd.wasm": wasm("tfjs-backend-wasm-simd.wasm"),
  "tfjs-backend-wasm-threaded-simd.wasm": wasm("tfjs-backend-wasm-threaded-simd.wasm"),
};
