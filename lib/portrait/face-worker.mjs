// @ts-check
// Face inference worker (worker_threads), started by pool.ts. Plain ESM JavaScript so it loads
// unbundled under tsx, Vitest and `next start`; every file it needs (packages, models, WASM) is
// found from this module's own location, never from the working directory. Type-checked through
// JSDoc against worker-protocol.ts, the message types pool.ts uses too.
// It only runs the networks; every quality decision is made in TypeScript on the main thread.
//
// Engine (see README "Face engine"):
//   detection + landmarks: @vladmandic/human — BlazeFace (with in-plane rotation) → 468-point 3D face
//     mesh → iris refinement of the eye contours; head rotation from the mesh;
//   recognition: @vladmandic/face-api's faceRecognitionNet (dlib ResNet-34 equivalent, 128-d) on the
//     aligned chip the main thread cuts from the photo.
// Both run on the tfjs WASM backend with the models shipped in their npm packages.
//
// Protocol (worker-protocol.ts), one request at a time per worker, its pixel buffer transferred:
//   { id, kind: "detect", rgb, width, height } → { id, ok: true, result: { faces, ms }, tensors }
//   { id, kind: "describe", rgb, size }        → { id, ok: true, result: { descriptor }, tensors }
//   a request that fails                       → { id, ok: false, error }
// Once, when the models have loaded: { ready: true }, or { ready: false, error } (every request then
// fails with that error). Requests that arrive before then wait for the models.
/** @typedef {import("./worker-protocol").NumberedRequest} NumberedRequest */
/** @typedef {import("./worker-protocol").WorkerMessage} WorkerMessage */
/** @typedef {import("./worker-protocol").WireFace} WireFace */
/** @typedef {import("./worker-protocol").DetectResult} DetectResult */
/** @typedef {import("./worker-protocol").DescribeResult} DescribeResult */
import { parentPort } from "node:worker_threads";
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const tf = require("@tensorflow/tfjs");
const wasm = require("@tensorflow/tfjs-backend-wasm");
const faceapi = require("@vladmandic/face-api/dist/face-api.node-wasm.js");
// human's package.json "exports" has no "./"-prefixed subpaths, so its WASM build is reached by file.
const { Human } = require(
  path.join(path.dirname(require.resolve("@vladmandic/human")), "human.node-wasm.js"),
);

/**
 * A package's folder, from the file its "require" entry resolves to (…/<package>/dist/<file>.js).
 * @param {string} name
 */
const distOf = (name) => path.dirname(require.resolve(name));
const WASM_DIR = distOf("@tensorflow/tfjs-backend-wasm") + path.sep;
const FACE_API_MODELS = path.join(distOf("@vladmandic/face-api"), "..", "model");
const HUMAN_MODELS = path.join(distOf("@vladmandic/human"), "..", "models");

/** Recall is kept high here; the main thread applies the real thresholds. */
const MIN_BOX_SCORE = 0.2;
const MAX_FACES = 10;

/**
 * tfjs loads models through fetch(); `file://` URLs of model files inside the packages above are
 * answered from disk instead (no network, no cwd), anything else is refused.
 */
function registerFileLoader() {
  // A router answers null for a URL it does not take (tfjs's IORouter type leaves that case out).
  const notMine = /** @type {any} */ (null);
  const allowed = [HUMAN_MODELS, FACE_API_MODELS].map((d) => path.resolve(d) + path.sep);
  tf.io.registerLoadRouter((/** @type {string | string[]} */ url) => {
    const u = Array.isArray(url) ? url[0] : url;
    if (typeof u !== "string" || !u.startsWith("file://")) return notMine;
    const file = path.resolve(fileURLToPath(u));
    if (!allowed.some((dir) => file.startsWith(dir))) return notMine;
    return {
      load: async () => {
        const json = JSON.parse(await readFile(file, "utf8"));
        const weightSpecs = [];
        /** @type {Buffer[]} */
        const parts = [];
        for (const group of json.weightsManifest) {
          weightSpecs.push(...group.weights);
          for (const p of group.paths) parts.push(await readFile(path.join(path.dirname(file), p)));
        }
        const all = Buffer.concat(parts);
        return {
          modelTopology: json.modelTopology,
          weightSpecs,
          weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
          format: json.format,
          generatedBy: json.generatedBy,
          convertedBy: json.convertedBy,
          userDefinedMetadata: json.userDefinedMetadata,
        };
      },
    };
  });
}

const off = { enabled: false };
/** Still photos, one at a time: no frame caching or skipping, nothing but the face models we use. */
const HUMAN_CONFIG = {
  backend: "wasm",
  wasmPath: WASM_DIR,
  modelBasePath: pathToFileURL(HUMAN_MODELS + path.sep).href,
  debug: false,
  async: false,
  warmup: "none",
  cacheSensitivity: 0,
  cacheModels: false,
  filter: off,
  face: {
    enabled: true,
    detector: {
      rotation: true,
      maxDetected: MAX_FACES,
      minConfidence: MIN_BOX_SCORE,
      iouThreshold: 0.1,
      skipFrames: 0,
      skipTime: 0,
      return: false,
    },
    mesh: { enabled: true },
    iris: { enabled: true, skipFrames: 0, skipTime: 0 },
    attention: off,
    description: off,
    emotion: off,
    antispoof: off,
    liveness: off,
  },
  body: off,
  hand: off,
  object: off,
  gesture: off,
  segmentation: off,
};

/** @type {any} human's class is loaded by file path above, so it has no types here. */
let human;

async function init() {
  registerFileLoader();
  // One thread per worker: the pool provides the parallelism.
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  wasm.setWasmPaths(WASM_DIR);
  await tf.setBackend("wasm");
  await tf.ready();
  human = new Human(HUMAN_CONFIG);
  await human.load();
  await faceapi.nets.faceRecognitionNet.loadFromDisk(FACE_API_MODELS);
  // Warm up every network once so the first real request does not pay for kernel set-up.
  await detect(new Uint8Array(256 * 256 * 3).fill(128), 256, 256);
  await describe(new Uint8Array(150 * 150 * 3).fill(128), 150);
}

const DEG = 180 / Math.PI;

/**
 * Every face BlazeFace finds (score ≥ MIN_BOX_SCORE), each with its mesh: 468 points (478 with the
 * iris centres and contours) as a flat [x, y, z, …] list in image pixels (z: depth, same scale),
 * the detector's and the mesh's confidence, and the head rotation human derives from the mesh.
 * @param {Uint8Array} rgb @param {number} width @param {number} height
 * @returns {Promise<DetectResult>}
 */
async function detect(rgb, width, height) {
  const input = tf.tensor4d(rgb, [1, height, width, 3], "int32");
  try {
    const started = performance.now();
    const result = await human.detect(input);
    /** @type {WireFace[]} */
    const faces = [];
    for (const f of result.face) {
      faces.push({
        boxScore: f.boxScore,
        meshScore: f.faceScore,
        box: { x: f.box[0], y: f.box[1], width: f.box[2], height: f.box[3] },
        mesh: f.mesh.flat(),
        rotation: {
          roll: (f.rotation?.angle.roll ?? 0) * DEG,
          yaw: (f.rotation?.angle.yaw ?? 0) * DEG,
          pitch: (f.rotation?.angle.pitch ?? 0) * DEG,
        },
      });
    }
    return { faces, ms: performance.now() - started };
  } finally {
    input.dispose();
  }
}

/**
 * @param {Uint8Array} rgb @param {number} size
 * @returns {Promise<DescribeResult>}
 */
async function describe(rgb, size) {
  const input = tf.tensor3d(rgb, [size, size, 3], "int32");
  try {
    // face-api declares its own copy of tfjs's tensor types: the same tensor, another type.
    const descriptor = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(
      /** @type {any} */ (input),
    );
    return { descriptor: Array.from(/** @type {Float32Array} */ (descriptor)) };
  } finally {
    input.dispose();
  }
}

/** @param {WorkerMessage} msg */
const post = (msg) => parentPort?.postMessage(msg);

const ready = init();

parentPort?.on("message", async (/** @type {NumberedRequest} */ msg) => {
  try {
    await ready;
    const rgb = new Uint8Array(msg.rgb);
    const result =
      msg.kind === "detect" ? await detect(rgb, msg.width, msg.height) : await describe(rgb, msg.size);
    post({ id: msg.id, ok: true, result, tensors: tf.memory().numTensors });
  } catch (error) {
    post({ id: msg.id, ok: false, error: String(error instanceof Error ? error.message : error) });
  }
});
ready.then(
  () => post({ ready: true }),
  (error) => post({ ready: false, error: String(error) }),
);
