// `npx tsx --conditions=react-server scripts/model-precision.ts`
// What the phone's smaller face models cost in precision: the labelled quality set's photos, as
// 360 × 480 camera frames, through BlazeFace + face mesh as shipped (what the server runs) and as
// the upload page downloads them (lib/face-model/files.ts), on the same tfjs WASM backend. Prints
// landmark drift in inter-eye distances, pose drift in degrees, and how often the live guide's hint
// differs.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { engineConfig } from "@/components/upload/face-engine-config";
import { FACE_MODEL_VERSION } from "@/lib/face-model/files";
import { faceModelFile } from "@/lib/face-model/serve";
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

// human keeps its models per module, not per instance: the phone's models run in a child process.
const asPhone = process.argv.includes("--phone");
// The models over HTTP, as a browser gets them: the phone's from the app's own route code, the
// shipped ones from the package.
const server = createServer(async (request, response) => {
  const name = path.basename(request.url ?? "");
  const body = asPhone
    ? (await faceModelFile(FACE_MODEL_VERSION, name))?.body
    : await readFile(path.join(shipped, name)).catch(() => undefined);
  response.writeHead(body ? 200 : 404).end(body);
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

const wasmDir = path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm")) + path.sep;
tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
wasm.setWasmPaths(wasmDir);
await tf.setBackend("wasm");
// The phone's settings, on still frames: no carrying over from one frame to the next.
const human = new Human({ ...engineConfig("wasm", base), wasmPath: wasmDir, cacheSensitivity: 0 });
await human.load();
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
const out = path.join(mkdtempSync(path.join(os.tmpdir(), "model-precision-")), "faces.json");
const child = spawnSync("npx", ["tsx", "--conditions=react-server", process.argv[1]!, "--phone"], {
  maxBuffer: 1 << 30,
  encoding: "utf8",
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, PHONE_OUT: out },
});
if (child.status !== 0) throw new Error(`the phone models' run failed (${child.status})`);
const theirs = JSON.parse(readFileSync(out, "utf8")) as Found[][];

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
server.close();
