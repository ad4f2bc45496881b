/**
 * The on-device face engine for the live camera: @vladmandic/human's browser build (the same
 * BlazeFace → face mesh chain the server check runs), loaded lazily from the app's own
 * /face-model/<version>/ route, on WebGL when the browser has it, else on WASM.
 */
import type { Config, Human } from "@vladmandic/human";
import { engineConfig } from "./face-engine-config";
import { FACE_ENGINE_CODE, FACE_ENGINE_MODELS, FACE_MODEL_BASE } from "@/lib/face-model/files";
import type { LiveFace } from "@/lib/portrait/live-guidance";

export interface FaceEngine {
  backend: string;
  detect(input: HTMLCanvasElement): Promise<LiveFace[]>;
}

const DEG = 180 / Math.PI;

let loading: Promise<FaceEngine> | null = null;

/** The engine, loaded once per page; a failed load may be tried again. */
export function loadFaceEngine(): Promise<FaceEngine> {
  loading ??= create().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/**
 * WebGL on a real graphics chip. A software renderer (SwiftShader, llvmpipe: no GPU, or GPU
 * blocked) runs tfjs' shaders many times slower than the WASM backend does the same work.
 */
function hasHardwareWebgl(): boolean {
  try {
    const gl = document.createElement("canvas").getContext("webgl2");
    if (!gl) return false;
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    const renderer = String(
      info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER),
    );
    gl.getExtension("WEBGL_lose_context")?.loseContext();
    return !/swiftshader|llvmpipe|software/i.test(renderer);
  } catch {
    return false;
  }
}

async function create(): Promise<FaceEngine> {
  // The models and the WASM binary download while the code does (the engine would ask for them only
  // once its code has run); the engine's own requests then come from the browser's cache.
  const webgl = hasHardwareWebgl();
  const files = [...FACE_ENGINE_MODELS];
  if (!webgl) files.push("tfjs-backend-wasm-simd.wasm");
  for (const file of files)
    fetch(`${FACE_MODEL_BASE}${file}`)
      .then((r) => r.arrayBuffer())
      .catch(() => {});
  // Loaded at run time from the app's own route, outside the page's bundle (2 MB, rarely needed).
  const url = `${FACE_MODEL_BASE}${FACE_ENGINE_CODE}`;
  const mod = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ url)) as {
    Human: new (config?: Partial<Config>) => Human;
  };
  performance.mark("capture:engine-imported");
  let lastError: unknown = new Error("no backend");
  for (const backend of webgl ? (["webgl", "wasm"] as const) : (["wasm"] as const)) {
    try {
      const human = new mod.Human(engineConfig(backend, FACE_MODEL_BASE));
      await human.load();
      performance.mark("capture:engine-loaded");
      if (human.tf.getBackend() !== backend) throw new Error(`backend ${backend} unavailable`);
      const engine: FaceEngine = { backend, detect: (input) => detect(human, input) };
      // First run compiles the kernels; do it now rather than on the first camera frame.
      const warm = document.createElement("canvas");
      warm.width = 128;
      warm.height = 128;
      warm.getContext("2d")?.fillRect(0, 0, 128, 128);
      await engine.detect(warm);
      return engine;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function detect(human: Human, input: HTMLCanvasElement): Promise<LiveFace[]> {
  const result = await human.detect(input);
  if ("error" in result && result.error) throw new Error(String(result.error));
  return result.face.map((f) => ({
    boxScore: f.boxScore,
    mesh: f.mesh.flat().map((v) => v ?? 0),
    yawDeg: (f.rotation?.angle.yaw ?? 0) * DEG,
    pitchDeg: (f.rotation?.angle.pitch ?? 0) * DEG,
  }));
}
