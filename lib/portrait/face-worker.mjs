// Face inference worker (plain ESM so it loads unchanged under tsx, Vitest and `next start`).
// It only runs the networks; every quality decision is made in TypeScript on the main thread.
// Protocol: { id, kind: 'detect', rgb, width, height } → { id, faces: [...] }
//           { id, kind: 'describe', rgb, size }        → { id, descriptor: number[] }
import { parentPort } from "node:worker_threads";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const root = process.env.PORTRAIT_ROOT || process.cwd();
const tf = require("@tensorflow/tfjs");
const wasm = require("@tensorflow/tfjs-backend-wasm");
const faceapi = require("@vladmandic/face-api/dist/face-api.node-wasm.js");

/** SSD recall is kept high here; the main thread applies the real thresholds. */
const SSD_MIN_CONFIDENCE = 0.3;
const TINY_MIN_CONFIDENCE = 0.3;
/** Keep equal to SSD_ALONE_MIN in process.ts. */
const SSD_CONFIDENT = 0.8;

async function init() {
  const wasmDir = path.join(root, "node_modules/@tensorflow/tfjs-backend-wasm/dist/");
  // One thread per worker: the pool provides the parallelism.
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  wasm.setWasmPaths(wasmDir);
  await tf.setBackend("wasm");
  await tf.ready();
  const modelDir = path.join(root, "node_modules/@vladmandic/face-api/model");
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDir);
  await faceapi.nets.tinyFaceDetector.loadFromDisk(modelDir);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir);
  // Warm up every network once so the first real request does not pay for kernel set-up.
  const size = 160;
  const blank = new Uint8Array(size * size * 3).fill(128);
  await detect(blank, size, size);
  const probe = tf.zeros([size, size, 3], "int32");
  await faceapi.detectAllFaces(probe, new faceapi.TinyFaceDetectorOptions({ inputSize: 320 }));
  probe.dispose();
  const chip = tf.zeros([112, 112, 3], "int32");
  const landmarks = await faceapi.nets.faceLandmark68Net.detectLandmarks(chip);
  chip.dispose();
  void landmarks;
  await describe(new Uint8Array(150 * 150 * 3).fill(128), 150);
}

/**
 * SSD MobileNet finds the faces and the 68-point net places landmarks; then the tiny detector looks
 * at a crop around each face (so small faces in large photos are seen at a useful scale) as an
 * independent second opinion for the main thread's non-human guard.
 * @param {Uint8Array} rgb @param {number} width @param {number} height
 */
async function detect(rgb, width, height) {
  const input = tf.tensor3d(rgb, [height, width, 3], "int32");
  try {
    const ssd = await faceapi
      .detectAllFaces(input, new faceapi.SsdMobilenetv1Options({ minConfidence: SSD_MIN_CONFIDENCE, maxResults: 10 }))
      .withFaceLandmarks();
    const faces = [];
    for (const r of ssd) {
      const box = boxOf(r.detection.box);
      faces.push({
        score: r.detection.score,
        box,
        landmarks: r.landmarks.positions.map((p) => [p.x, p.y]),
        // The second opinion only matters when SSD is not confident on its own (see process.ts).
        tinyScore: faces.length < 5 && r.detection.score < SSD_CONFIDENT ? await tinyAgreement(input, box, width, height) : 1,
      });
    }
    return { faces };
  } finally {
    input.dispose();
  }
}

/** Best tiny-detector score for a face whose centre and the SSD box's centre lie in each other's box. */
async function tinyAgreement(input, box, width, height) {
  const side = Math.max(box.width, box.height) * 2;
  const x0 = Math.max(0, Math.floor(box.x + box.width / 2 - side / 2));
  const y0 = Math.max(0, Math.floor(box.y + box.height / 2 - side / 2));
  const x1 = Math.min(width, Math.ceil(box.x + box.width / 2 + side / 2));
  const y1 = Math.min(height, Math.ceil(box.y + box.height / 2 + side / 2));
  if (x1 - x0 < 8 || y1 - y0 < 8) return 0;
  const crop = tf.slice(input, [y0, x0, 0], [y1 - y0, x1 - x0, 3]);
  try {
    const found = await faceapi.detectAllFaces(
      crop,
      new faceapi.TinyFaceDetectorOptions({ inputSize: 320, scoreThreshold: TINY_MIN_CONFIDENCE }),
    );
    let best = 0;
    for (const d of found) {
      const t = { x: d.box.x + x0, y: d.box.y + y0, width: d.box.width, height: d.box.height };
      if (contains(t, centre(box)) && contains(box, centre(t))) best = Math.max(best, d.score);
    }
    return best;
  } finally {
    crop.dispose();
  }
}

const centre = (b) => [b.x + b.width / 2, b.y + b.height / 2];
const contains = (b, [x, y]) => x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height;

/** @param {{x:number,y:number,width:number,height:number}} b */
function boxOf(b) {
  return { x: b.x, y: b.y, width: b.width, height: b.height };
}

/** @param {Uint8Array} rgb @param {number} size */
async function describe(rgb, size) {
  const input = tf.tensor3d(rgb, [size, size, 3], "int32");
  try {
    const descriptor = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(input);
    return { descriptor: Array.from(/** @type {Float32Array} */ (descriptor)) };
  } finally {
    input.dispose();
  }
}

const ready = init();

parentPort?.on("message", async (msg) => {
  try {
    await ready;
    const rgb = new Uint8Array(msg.rgb);
    const result = msg.kind === "detect" ? await detect(rgb, msg.width, msg.height) : await describe(rgb, msg.size);
    parentPort?.postMessage({ id: msg.id, ok: true, result, tensors: tf.memory().numTensors });
  } catch (error) {
    parentPort?.postMessage({ id: msg.id, ok: false, error: String(error instanceof Error ? error.message : error) });
  }
});
ready.then(
  () => parentPort?.postMessage({ ready: true }),
  (error) => parentPort?.postMessage({ ready: false, error: String(error) }),
);
