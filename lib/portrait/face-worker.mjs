// Face inference worker (plain ESM so it loads unchanged under tsx, Vitest and `next start`).
// It only runs the networks; every quality decision is made in TypeScript on the main thread.
// Protocol: { id, kind: 'detect', rgb, width, height, fastMinScore } → { id, faces: [...] }
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
/** Input size of the fast first pass: portraits fill the frame, and 320 separates real faces best. */
const TINY_FAST_INPUT = 320;

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
  await detect(blank, size, size, 0.5);
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
 * Two stages. Fast: the tiny detector on the whole photo (≈ 40 ms against ≈ 300 ms for SSD); when every
 * face it finds is confident (≥ fastMinScore, which the main thread sets at or above every score
 * threshold it decides with) and lies inside the photo, its boxes get landmarks and that is the
 * answer. Anything else — nothing found, an unsure face, a face at the border (cut-off decisions use
 * SSD's tighter box), more than 5 faces — goes to the full path: SSD MobileNet finds the faces and the
 * 68-point net places landmarks; then the tiny detector looks at a crop around each face (so small
 * faces in large photos are seen at a useful scale) as an independent second opinion for the main
 * thread's non-human guard.
 * @param {Uint8Array} rgb @param {number} width @param {number} height @param {number} fastMinScore > 1 disables the fast path
 */
async function detect(rgb, width, height, fastMinScore = 2) {
  const image = { rgb, width, height };
  const input = tf.tensor3d(rgb, [height, width, 3], "int32");
  try {
    if (fastMinScore <= 1) {
      const fast = await fastDetect(input, image, fastMinScore);
      if (fast) return { faces: fast, path: "tiny" };
    }
    const ssd = await faceapi.detectAllFaces(
      input,
      new faceapi.SsdMobilenetv1Options({ minConfidence: SSD_MIN_CONFIDENCE, maxResults: 10 }),
    );
    const faces = [];
    for (const r of await withLandmarks(image, ssd)) {
      const box = boxOf(r.detection.box);
      faces.push({
        score: r.detection.score,
        box,
        landmarks: r.landmarks.positions.map((p) => [p.x, p.y]),
        // The second opinion only matters when SSD is not confident on its own (see process.ts).
        tinyScore:
          faces.length < 5 && r.detection.score < SSD_CONFIDENT ? await tinyAgreement(image, box) : 1,
      });
    }
    return { faces, path: "ssd" };
  } finally {
    input.dispose();
  }
}

/** The fast path, or null when the full path must decide. */
async function fastDetect(input, image, minScore) {
  const { width, height } = image;
  // The detector pads to a square and resizes to TINY_FAST_INPUT itself, but at full resolution
  // (a 1280² float concat); shrinking first gives the same network input at a fraction of the cost.
  const k = TINY_FAST_INPUT / Math.max(width, height);
  const small =
    k < 1
      ? tf.image.resizeBilinear(input, [
          Math.max(1, Math.round(height * k)),
          Math.max(1, Math.round(width * k)),
        ])
      : null;
  let found;
  try {
    found = await faceapi.detectAllFaces(
      small ?? input,
      new faceapi.TinyFaceDetectorOptions({
        inputSize: TINY_FAST_INPUT,
        scoreThreshold: TINY_MIN_CONFIDENCE,
      }),
    );
  } finally {
    small?.dispose();
  }
  found = found.map((d) => d.forSize(width, height));
  const inside = (b) => b.x >= 0 && b.y >= 0 && b.x + b.width <= width && b.y + b.height <= height;
  if (found.length === 0 || found.length > 5 || !found.every((d) => d.score >= minScore && inside(d.box)))
    return null;
  return (await withLandmarks(image, found)).map((r) => ({
    score: r.detection.score,
    box: boxOf(r.detection.box),
    landmarks: r.landmarks.positions.map((p) => [p.x, p.y]),
    tinyScore: r.detection.score,
  }));
}

/**
 * Same as face-api's `.withFaceLandmarks()` (same crop box, same pixels, same net), but the face crop
 * is copied out of the RGB bytes in JS: tfjs-wasm's slice of a large int32 tensor costs ≈ 35 ms.
 */
async function withLandmarks(image, detections) {
  const out = [];
  for (const d of detections) {
    const b = d.forSize(image.width, image.height).box.clipAtImageBorders(image.width, image.height);
    if (b.width <= 0 || b.height <= 0) continue;
    const crop = cropTensor(image, b.x, b.y, b.width, b.height);
    try {
      const landmarks = await faceapi.nets.faceLandmark68Net.detectLandmarks(crop);
      out.push(faceapi.extendWithFaceLandmarks(faceapi.extendWithFaceDetection({}, d), landmarks));
    } finally {
      crop.dispose();
    }
  }
  return out;
}

/** int32 [h, w, 3] tensor of the pixels x ∈ [x0, x0 + w), y ∈ [y0, y0 + h) (integers inside the image). */
function cropTensor(image, x0, y0, w, h) {
  const out = new Uint8Array(w * h * 3);
  for (let r = 0; r < h; r++) {
    const from = ((y0 + r) * image.width + x0) * 3;
    out.set(image.rgb.subarray(from, from + w * 3), r * w * 3);
  }
  return tf.tensor3d(out, [h, w, 3], "int32");
}

/** Best tiny-detector score for a face whose centre and the SSD box's centre lie in each other's box. */
async function tinyAgreement(image, box) {
  const { width, height } = image;
  const side = Math.max(box.width, box.height) * 2;
  const x0 = Math.max(0, Math.floor(box.x + box.width / 2 - side / 2));
  const y0 = Math.max(0, Math.floor(box.y + box.height / 2 - side / 2));
  const x1 = Math.min(width, Math.ceil(box.x + box.width / 2 + side / 2));
  const y1 = Math.min(height, Math.ceil(box.y + box.height / 2 + side / 2));
  if (x1 - x0 < 8 || y1 - y0 < 8) return 0;
  const crop = cropTensor(image, x0, y0, x1 - x0, y1 - y0);
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
    const result =
      msg.kind === "detect"
        ? await detect(rgb, msg.width, msg.height, msg.fastMinScore)
        : await describe(rgb, msg.size);
    parentPort?.postMessage({ id: msg.id, ok: true, result, tensors: tf.memory().numTensors });
  } catch (error) {
    parentPort?.postMessage({
      id: msg.id,
      ok: false,
      error: String(error instanceof Error ? error.message : error),
    });
  }
});
ready.then(
  () => parentPort?.postMessage({ ready: true }),
  (error) => parentPort?.postMessage({ ready: false, error: String(error) }),
);
