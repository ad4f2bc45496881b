// `npx tsx --conditions=react-server scripts/model-precision.ts`
// What the phone's smaller face models cost in precision: the labelled quality set's photos, as
// 360 × 480 camera frames, through BlazeFace + face mesh as shipped (what the server runs) and as
// the upload page downloads them (lib/face-model/files.ts), on the same tfjs WASM backend. Prints
// landmark drift in inter-eye distances, pose drift in degrees, and how often the live guide's hint
// differs.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import sharp from "sharp";
import { FACE_MODEL_FILES } from "@/lib/face-model/files";
import { faceModelFile } from "@/lib/face-model/serve";
import { FACE_MODEL_VERSION } from "@/lib/face-model/files";
import { liveHints, type LiveFace } from "@/lib/portrait/live-guidance";
import { DEFAULT_THRESHOLDS } from "@/lib/portrait/thresholds";
import { allItems } from "@/test/quality-set/manifest";

const require = createRequire(import.meta.url);
const tf = require("@tensorflow/tfjs") as typeof import("@tensorflow/tfjs");
const wasm = require("@tensorflow/tfjs-backend-wasm") as { setWasmPaths(p: string): void };
const { Human } = require(
  path.join(path.dirname(require.resolve("@vladmandic/human")), "human.node-wasm.js"),
);
const shipped = path.join(path.dirname(require.resolve("@vladmandic/human")), "..", "models");
const phone = path.join(os.tmpdir(), `phone-models-${process.pid}`);
mkdirSync(phone, { recursive: true });
for (const name of ["blazeface.json", "blazeface.bin", "facemesh.json", "facemesh.bin"]) {
  if (!FACE_MODEL_FILES[name]) throw new Error(name);
  writeFileSync(path.join(phone, name), (await faceModelFile(FACE_MODEL_VERSION, name))!.body);
}

tf.io.registerLoadRouter(((url: string | string[]) => {
  const u = Array.isArray(url) ? url[0] : url;
  if (typeof u !== "string" || !u.startsWith("file://")) return null;
  const file = new URL(u).pathname;
  return {
    load: async () => {
      const json = JSON.parse(readFileSync(file, "utf8"));
      const bin = readFileSync(path.join(path.dirname(file), json.weightsManifest[0].paths[0]));
      return {
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0].weights,
        weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
        format: json.format,
      };
    },
  };
}) as unknown as Parameters<typeof tf.io.registerLoadRouter>[0]);
tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
wasm.setWasmPaths(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm")) + path.sep);
await tf.setBackend("wasm");
const off = { enabled: false };
const engine = async (dir: string) => {
  const human = new Human({
    backend: "wasm",
    modelBasePath: pathToFileURL(dir + path.sep).href,
    debug: false,
    warmup: "none",
    cacheSensitivity: 0,
    filter: off,
    face: {
      enabled: true,
      detector: {
        modelPath: "blazeface.json",
        rotation: false,
        maxDetected: 3,
        minConfidence: 0.2,
        skipFrames: 0,
      },
      mesh: { enabled: true, modelPath: "facemesh.json" },
      iris: off,
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
  });
  await human.load();
  return human;
};
// human keeps its models per module, not per instance: the phone's models run in a child process.
const asPhone = process.argv.includes("--phone");
const human = await engine(asPhone ? phone : shipped);
const W = 360;
const H = 480;
type Found = LiveFace & { box: number[] };
async function faces(rgb: Buffer): Promise<Found[]> {
  const input = tf.tensor3d(new Uint8Array(rgb), [H, W, 3], "int32").expandDims(0);
  const result = await human.detect(input);
  input.dispose();
  return result.face.map(
    (f: {
      boxScore: number;
      mesh: number[][];
      rotation?: { angle: { yaw: number; pitch: number } };
      box: number[];
    }) => ({
      boxScore: f.boxScore,
      mesh: f.mesh.flat(),
      yawDeg: ((f.rotation?.angle.yaw ?? 0) * 180) / Math.PI,
      pitchDeg: ((f.rotation?.angle.pitch ?? 0) * 180) / Math.PI,
      box: f.box,
    }),
  );
}

const frames: { id: string; rgb: Buffer }[] = [];
for (const item of allItems())
  frames.push({
    id: item.id,
    rgb: await sharp(await item.bytes())
      .rotate()
      .resize(W, H, { fit: "cover" })
      .removeAlpha()
      .raw()
      .toBuffer(),
  });
const mine: Found[][] = [];
for (const f of frames) mine.push(await faces(f.rgb));
if (asPhone) {
  writeFileSync(process.env.PHONE_OUT!, JSON.stringify(mine));
  process.exit(0);
}
const child = spawnSync("npx", ["tsx", "--conditions=react-server", process.argv[1]!, "--phone"], {
  maxBuffer: 1 << 30,
  encoding: "utf8",
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, PHONE_OUT: path.join(phone, "faces.json") },
});
if (child.status !== 0) throw new Error(`the phone models' run failed (${child.status})`);
const theirs = JSON.parse(readFileSync(path.join(phone, "faces.json"), "utf8")) as Found[][];

const drift: number[] = [];
const maxDrift: number[] = [];
const poseDrift: number[] = [];
let sameCount = 0;
const differ: string[] = [];
const oval = { cx: W / 2, cy: H * 0.47, rx: 144, ry: 192 };
frames.forEach(({ id, rgb }, k) => {
  const [a, b] = [mine[k]!, theirs[k]!];
  const pixels = { data: new Uint8Array(rgb), width: W, height: H };
  const hint = (f: Found[]) =>
    liveHints({ pixels, faces: f, oval, captureScale: 3 }, DEFAULT_THRESHOLDS).hint;
  const [ha, hb] = [hint(a), hint(b)];
  if (ha === hb) sameCount++;
  else differ.push(`${id}: ${ha} → ${hb}`);
  if (a.length !== b.length || !a[0] || !b[0]) return;
  const ma = a[0].mesh;
  const mb = b[0].mesh;
  // Inter-eye distance from the mesh's outer eye corners (33, 263).
  const eye = Math.hypot(ma[263 * 3]! - ma[33 * 3]!, ma[263 * 3 + 1]! - ma[33 * 3 + 1]!);
  const d: number[] = [];
  for (let i = 0; i < ma.length / 3; i++)
    d.push(Math.hypot(ma[i * 3]! - mb[i * 3]!, ma[i * 3 + 1]! - mb[i * 3 + 1]!) / eye);
  drift.push(d.reduce((s, v) => s + v, 0) / d.length);
  maxDrift.push(Math.max(...d));
  poseDrift.push(Math.max(Math.abs(a[0].yawDeg - b[0].yawDeg), Math.abs(a[0].pitchDeg - b[0].pitchDeg)));
});
const q = (v: number[], p: number) =>
  [...v].sort((x, y) => x - y)[Math.min(v.length - 1, Math.floor(p * v.length))]!;
console.log(`${frames.length} frames; faces compared on ${drift.length}`);
console.log(
  `landmark drift (inter-eye distances): median ${q(drift, 0.5).toFixed(4)}, p95 ${q(drift, 0.95).toFixed(4)}; ` +
    `worst point median ${q(maxDrift, 0.5).toFixed(4)}, p95 ${q(maxDrift, 0.95).toFixed(4)}`,
);
console.log(
  `pose drift (degrees): median ${q(poseDrift, 0.5).toFixed(2)}, p95 ${q(poseDrift, 0.95).toFixed(2)}, ` +
    `max ${Math.max(...poseDrift).toFixed(2)}`,
);
console.log(`same live hint: ${sameCount}/${frames.length}`);
for (const line of differ) console.log(`  differs: ${line}`);
