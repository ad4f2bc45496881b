// `npm run bench -- portrait [runs]`: our portrait pipeline against the naive use of face-api, side by
// side on the same photos: a 12 MP phone photo, a 512 px portrait and a small group photo.
//   ours:  processPortrait (decode ≤ 1280 px, BlazeFace + mesh in the worker pool, checks, template)
//   naive: face-api in this thread on the full-resolution photo — SSD MobileNet + 68 landmarks +
//          descriptor for every face (`detectAllFaces().withFaceLandmarks().withFaceDescriptors()`)
// Then peak RSS of this process (the inference workers are threads of it), bad-file refusals, and
// throughput with two concurrent uploads.
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { readFile } from "node:fs/promises";
import sharp from "sharp";
import { poolSize } from "@/lib/portrait/pool";
import { processPortrait, shutdownPortraitWorkers, warmPortraitWorkers } from "@/lib/portrait";
import * as F from "@/test/photos";
import { PORTRAITS } from "@/test/quality-set/sources";
import { median, percentile } from "./_stats";

const runs = Number(process.argv[2] ?? 15);
const check = (bytes: Uint8Array) => processPortrait(bytes, { qualityCheck: true });
/** Wall time and CPU time of this process (worker threads included): CPU time holds up on a busy machine. */
async function timed<T>(fn: () => Promise<T>): Promise<[number, number, T]> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await fn();
  const used = process.cpuUsage(cpu);
  return [performance.now() - start, (used.user + used.system) / 1000, result];
}
let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const rssTimer = setInterval(sampleRss, 20);

const photos: [string, Buffer][] = [
  ["12 MP phone photo (4032×3024, EXIF 6)", await F.phoneJpeg()],
  [
    "512 px portrait",
    await sharp(await readFile(PORTRAITS.find((p) => p.id === "audrey")!.file))
      .resize({ width: 512, height: 512, fit: "inside" })
      .jpeg({ quality: 90 })
      .toBuffer(),
  ],
  [
    "small group photo (1024 px, 3 people)",
    await sharp(F.samplePath(1)).resize({ width: 1024 }).jpeg({ quality: 90 }).toBuffer(),
  ],
];

/** Each photo `runs` times through `run`: wall and CPU ms per photo, and what its first run came to. */
async function measure<T, F>(run: (bytes: Buffer) => Promise<T>, first: (result: T) => F) {
  const ms: number[][] = [];
  const cpu: number[][] = [];
  const firsts: F[] = [];
  for (const [, bytes] of photos) {
    const wall: number[] = [];
    const used: number[] = [];
    for (let i = 0; i < runs; i++) {
      const [t, c, result] = await timed(() => run(bytes));
      wall.push(t);
      used.push(c);
      if (i === 0) firsts.push(first(result));
    }
    ms.push(wall);
    cpu.push(used);
  }
  return { ms, cpu, firsts };
}

// ---- ours ----
warmPortraitWorkers();
await check(photos[1]![1]); // wait for the workers to load and warm up
await Promise.all([check(photos[1]![1]), check(photos[1]![1])]);
const ours = await measure(check, (r) => (r.report.accepted ? "accepted" : (r.report.primary?.code ?? "?")));
const bad = [F.bombPng(), F.TEXT, F.truncated(await F.frontalJpeg()), F.HEIC_HEADER, await F.onePixelPng()];
const badMs: number[] = [];
for (let i = 0; i < runs; i++) for (const b of bad) badMs.push((await timed(() => check(b)))[0]);
async function throughput(concurrency: number, bytes: Uint8Array, total = 16) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) await check(bytes);
    }),
  );
  return total / ((performance.now() - started) / 1000);
}
const perSecond = await throughput(2, photos[0]![1]);
const oursPeakRss = peakRss;
await shutdownPortraitWorkers();

// ---- naive face-api, this thread ----
const require = createRequire(import.meta.url);
const tf = require("@tensorflow/tfjs");
const wasm = require("@tensorflow/tfjs-backend-wasm");
const faceapi = require("@vladmandic/face-api/dist/face-api.node-wasm.js");
tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
wasm.setWasmPaths(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm")) + path.sep);
await tf.setBackend("wasm");
await tf.ready();
const models = path.join(path.dirname(require.resolve("@vladmandic/face-api")), "..", "model");
await faceapi.nets.ssdMobilenetv1.loadFromDisk(models);
await faceapi.nets.faceLandmark68Net.loadFromDisk(models);
await faceapi.nets.faceRecognitionNet.loadFromDisk(models);
async function naive(bytes: Buffer) {
  const { data, info } = await sharp(bytes)
    .rotate()
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const input = tf.tensor3d(new Uint8Array(data), [info.height, info.width, 3], "int32");
  try {
    return await faceapi.detectAllFaces(input).withFaceLandmarks().withFaceDescriptors();
  } finally {
    input.dispose();
  }
}
await naive(photos[1]![1]); // warm up
const naiveRuns = await measure(naive, (faces) => faces.length);
clearInterval(rssTimer);

console.log(
  `portrait bench: ${runs} runs per photo; ours with FACE_WORKERS=${poolSize()} (${process.env.FACE_WORKERS ?? "default"})`,
);
console.log(
  `load average at the end: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} on ${os.availableParallelism()} cores`,
);
console.log(
  "| photo | naive face-api median (p95) | ours median (p95) | speed-up | CPU ms naive / ours | ours decided | naive faces |",
);
console.log("|---|---:|---:|---:|---:|---|---:|");
photos.forEach(([label], i) => {
  const n = naiveRuns.ms[i]!;
  const o = ours.ms[i]!;
  console.log(
    `| ${label} | ${median(n).toFixed(0)} ms (${percentile(n, 95).toFixed(0)}) | ${median(o).toFixed(0)} ms (${percentile(o, 95).toFixed(0)}) | ${(median(n) / median(o)).toFixed(1)}× | ${median(naiveRuns.cpu[i]!).toFixed(0)} / ${median(ours.cpu[i]!).toFixed(0)} | ${ours.firsts[i]} | ${naiveRuns.firsts[i]} |`,
  );
});
console.log(`bad-file refusal (bomb, text, truncated, HEIC, 1 px): median ${median(badMs).toFixed(1)} ms`);
console.log(`throughput, 2 concurrent 12 MP uploads: ${perSecond.toFixed(2)} photos/s`);
console.log(
  `peak RSS with ${poolSize()} workers (this process, worker threads included): ${(oursPeakRss / 1024 / 1024).toFixed(0)} MB`,
);
