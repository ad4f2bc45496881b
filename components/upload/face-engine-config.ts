/**
 * The phone's face engine settings (@vladmandic/human): BlazeFace and the face mesh, nothing else,
 * with models and WASM from `base`. scripts/model-precision.ts runs the same settings in Node.
 */
import type { Config } from "@vladmandic/human";

const off = { enabled: false };

/**
 * Video, as the engine is made for: the face mesh runs on every frame, while the detector's face box
 * is carried over from the previous frame's mesh while the picture barely changes (the frame
 * difference stays under cacheSensitivity), for at most DETECT_EVERY_FRAMES frames and
 * DETECT_EVERY_MS. A second person stepping in changes the picture and re-runs the detector at once;
 * at the latest it runs again a second later.
 */
const DETECT_EVERY_FRAMES = 5;
const DETECT_EVERY_MS = 1000;

export const engineConfig = (backend: "webgl" | "wasm", base: string): Partial<Config> => ({
  backend,
  modelBasePath: base,
  wasmPath: base,
  debug: false,
  async: true,
  warmup: "none",
  cacheModels: false,
  cacheSensitivity: 0.7,
  filter: off,
  face: {
    enabled: true,
    detector: {
      modelPath: "blazeface.json",
      rotation: false,
      maxDetected: 3,
      minConfidence: 0.2,
      iouThreshold: 0.1,
      skipFrames: DETECT_EVERY_FRAMES,
      skipTime: DETECT_EVERY_MS,
      return: false,
    },
    mesh: { enabled: true, modelPath: "facemesh.json" },
    iris: off,
    attention: off,
    description: off,
    emotion: off,
    antispoof: off,
    liveness: off,
  } as Config["face"],
  body: off as Config["body"],
  hand: off as Config["hand"],
  object: off as Config["object"],
  gesture: off,
  segmentation: off as Config["segmentation"],
});
