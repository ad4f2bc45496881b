// `npm run bench -- portrait`: latency of the portrait pipeline on a warm worker pool.
import { processPortrait, shutdownPortraitWorkers, warmPortraitWorkers } from "@/lib/portrait";
import * as F from "@/lib/portrait/test-fixtures";
import { summarize, timeIt } from "./_stats";

const runs = Number(process.argv[2] ?? 20);
const check = (bytes: Uint8Array) => processPortrait(bytes, { qualityCheck: true });
let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

async function latency(label: string, bytes: Uint8Array, n = runs) {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const [t, r] = await timeIt(() => check(bytes));
    ms.push(t);
    sampleRss();
    if (i === 0)
      console.log(
        `  (${label}: accepted=${r.report.accepted} primary=${r.report.primary?.code ?? "-"} stages=${JSON.stringify(r.report.timingsMs)})`,
      );
  }
  console.log(summarize(label, ms));
}

async function throughput(concurrency: number, bytes: Uint8Array, total = 24) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) {
        await check(bytes);
        sampleRss();
      }
    }),
  );
  const s = (performance.now() - started) / 1000;
  console.log(
    `throughput, concurrency ${concurrency}: ${(total / s).toFixed(2)} photos/s (${total} × 12 MP in ${s.toFixed(1)} s)`,
  );
}

warmPortraitWorkers();
const phone = await F.phoneJpeg();
const small = await F.smallFaceJpeg();
const bad = [F.bombPng(), F.TEXT, F.truncated(await F.frontalJpeg()), F.HEIC_HEADER, await F.onePixelPng()];
await check(small); // wait for the workers to load and warm up
await Promise.all([check(small), check(small)]);

console.log(`portrait bench: ${runs} runs each, FACE_WORKERS=${process.env.FACE_WORKERS ?? "default"}`);
await latency(`12 MP phone JPEG (${(phone.length / 1e6).toFixed(1)} MB)`, phone);
await latency("small portrait (500 px)", small);
const badMs: number[] = [];
for (let i = 0; i < runs; i++) for (const b of bad) badMs.push((await timeIt(() => check(b)))[0]);
console.log(summarize("bad-file refusal (bomb, text, truncated, HEIC, 1 px)", badMs));
await throughput(2, phone);
await throughput(4, phone);
console.log(`peak RSS (main process, workers included): ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
await shutdownPortraitWorkers();
