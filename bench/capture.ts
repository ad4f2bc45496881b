// `npm run bench -- capture [--runs 5]`   (needs a production build: `npx next build`)
// The upload page's live camera in headless Chromium on a simulated phone: a fake camera playing a
// video made from the test photos, CPU throttled 4× (CDP Emulation.setCPUThrottlingRate) and a 4G
// network (CDP Network.emulateNetworkConditions, DevTools' "Fast 4G": 9 Mbps down, 1.5 Mbps up,
// 60 ms RTT). Prints medians of: page load → first hint, guide checks per second, bytes downloaded
// on the first and second visit, and how often the server accepts the auto-captured photo.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { chromium, devices, type Browser, type CDPSession, type Page } from "@playwright/test";
import { cameraVideos, fakeCameraArgs, issueLinkByApi } from "@/e2e/fake-camera";
import { chromiumPath } from "@/e2e/playwright-base";
import { waitForHealth } from "@/e2e/server-health";
import { median } from "./_stats";

const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const runs = Number(values.runs);
const port = Number(process.env.E2E_PORT_BASE ?? 3217) + 5;
const base = `http://localhost:${port}`;

const server = spawn("bash", ["scripts/e2e-server.sh", String(port), "seed"], {
  env: { ...process.env, E2E_PORT_BASE: String(port) },
  stdio: ["ignore", "ignore", "inherit"],
  detached: true,
});
const stopServer = () => {
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {}
};
process.on("exit", stopServer);
await waitForHealth(base, "server did not start");
const apiKey = (JSON.parse(readFileSync(`test-results/e2e-keys-${port}.json`, "utf8")) as { a: string }).a;
const videos = await cameraVideos();

async function phone(video: string): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", ...fakeCameraArgs(video)],
  });
}

/** A throttled phone page that counts the bytes it receives (all, and the face engine's). */
async function throttled(page: Page) {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 60,
    downloadThroughput: (9_000_000 / 8) * 0.9,
    uploadThroughput: (1_500_000 / 8) * 0.9,
  });
  const urls = new Map<string, string>();
  const bytes = { all: 0, engine: 0 };
  cdp.on("Network.requestWillBeSent", (e) => urls.set(e.requestId, e.request.url));
  cdp.on("Network.loadingFinished", (e) => {
    bytes.all += e.encodedDataLength;
    if (urls.get(e.requestId)?.includes("/face-model/")) bytes.engine += e.encodedDataLength;
  });
  return bytes;
}

/** Opens a new link, taps "Take photo" once the page is up; ms from navigation to the first hint. */
async function firstHint(page: Page, record = false): Promise<number> {
  await page.goto(await issueLinkByApi(base, apiKey, "BENCH"), { waitUntil: "load" });
  await page.getByRole("button", { name: "Take photo" }).click();
  await page.waitForFunction(() => performance.getEntriesByName("capture:first-hint").length > 0, null, {
    timeout: 120_000,
  });
  const marks = await page.evaluate(() =>
    Object.fromEntries(
      performance
        .getEntriesByType("mark")
        .filter((e) => e.name.startsWith("capture:"))
        .map((e) => [e.name.slice("capture:".length), e.startTime]),
    ),
  );
  const phases = ["camera-live", "engine-imported", "engine-loaded", "engine-ready", "first-hint"];
  if (record) for (const phase of phases) (figures.phaseMs[phase] ??= []).push(marks[phase] ?? NaN);
  return marks["first-hint"]!;
}

const figures = {
  firstHintMs: [] as number[],
  secondHintMs: [] as number[],
  checksPerSecond: [] as number[],
  fullChecksPerSecond: [] as number[],
  firstVisitKB: [] as number[],
  engineKB: [] as number[],
  secondVisitEngineKB: [] as number[],
  /** Navigation → each step of the first visit's start (marks set by the page). */
  phaseMs: {} as Record<string, number[]>,
  detectMs: [] as number[],
  guideMs: [] as number[],
};
let accepted = 0;
let autoCaptured = 0;
let backend = "";

for (let run = 0; run < runs; run++) {
  // First and second visit with a good video: the photo is taken by itself and sent.
  const browser = await phone(videos.good);
  const context = await browser.newContext({ ...devices["Pixel 7"], locale: "en-US" });
  const page = await context.newPage();
  const bytes = await throttled(page);
  figures.firstHintMs.push(await firstHint(page, true));
  const hintAt = Date.now();
  // Until the photo is taken, every check on the good video runs every measure (none stops early).
  let last = { checks: 1, at: hintAt };
  // Mean time per check in the face engine and in the guidance measures, as the page reports it.
  const spent = { detect: 0, guide: 0 };
  const camera = page.getByTestId("live-camera");
  for (let i = 0; i < 600; i++) {
    const checks = await camera.getAttribute("data-checks", { timeout: 3000 }).catch(() => null);
    if (checks === null) break;
    backend = (await camera.getAttribute("data-backend", { timeout: 3000 }).catch(() => null)) || backend;
    if (Number(checks) > last.checks) last = { checks: Number(checks), at: Date.now() };
    const detect = await camera.getAttribute("data-detect-ms", { timeout: 1000 }).catch(() => null);
    const guide = await camera.getAttribute("data-guide-ms", { timeout: 1000 }).catch(() => null);
    if (detect && guide) Object.assign(spent, { detect: Number(detect), guide: Number(guide) });
    await page.waitForTimeout(50);
  }
  if (last.checks > 1) figures.fullChecksPerSecond.push((last.checks - 1) / ((last.at - hintAt) / 1000));
  if (spent.detect) figures.detectMs.push(spent.detect);
  if (spent.guide) figures.guideMs.push(spent.guide);
  const retake = page.getByRole("button", { name: "Retake" });
  if (
    await retake.waitFor({ timeout: 60_000 }).then(
      () => true,
      () => false,
    )
  ) {
    autoCaptured++;
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    const done = await page
      .getByTestId("upload-done")
      .waitFor({ timeout: 60_000 })
      .then(
        () => true,
        () => false,
      );
    if (done) accepted++;
  }
  figures.firstVisitKB.push(bytes.all / 1024);
  figures.engineKB.push(bytes.engine / 1024);
  const again = await context.newPage();
  const second = await throttled(again);
  figures.secondHintMs.push(await firstHint(again));
  figures.secondVisitEngineKB.push(second.engine / 1024);
  await browser.close();

  // Guide rate: a video the guide never lets through (two people), counted over 5 s.
  const busy = await phone(videos.twoFaces);
  const p = await (await busy.newContext({ ...devices["Pixel 7"], locale: "en-US" })).newPage();
  await throttled(p);
  await firstHint(p);
  const twoCamera = p.getByTestId("live-camera");
  const count = async () => Number(await twoCamera.getAttribute("data-checks"));
  const [c0, t0] = [await count(), Date.now()];
  await p.waitForTimeout(5000);
  figures.checksPerSecond.push(((await count()) - c0) / ((Date.now() - t0) / 1000));
  await busy.close();
  console.log(
    `run ${run + 1}: first hint ${figures.firstHintMs.at(-1)!.toFixed(0)} ms, ` +
      `${(figures.fullChecksPerSecond.at(-1) ?? NaN).toFixed(1)} full checks/s, ` +
      `${figures.checksPerSecond.at(-1)!.toFixed(1)} checks/s, ` +
      `${figures.firstVisitKB.at(-1)!.toFixed(0)} KB first visit (engine ${figures.engineKB.at(-1)!.toFixed(0)} KB), ` +
      `engine ${figures.secondVisitEngineKB.at(-1)!.toFixed(0)} KB second visit`,
  );
}

const m = (v: number[], digits = 0) => median(v).toFixed(digits);
console.log(`\nlive capture, ${runs} runs, 4× CPU throttle, Fast 4G; guide backend: ${backend || "?"}`);
console.log(
  `page load → first hint: median ${m(figures.firstHintMs)} ms (second visit ${m(figures.secondHintMs)} ms)`,
);
console.log(
  `guide checks per second (throttled): median ${m(figures.fullChecksPerSecond, 1)} on the good video ` +
    `(every measure, until the photo is taken), ${m(figures.checksPerSecond, 1)} on the two-people video`,
);
console.log(
  `downloaded, first visit: median ${m(figures.firstVisitKB)} KB in all, face engine ${m(figures.engineKB)} KB; ` +
    `second visit face engine: median ${m(figures.secondVisitEngineKB)} KB`,
);
console.log(
  "first visit, navigation → " +
    Object.entries(figures.phaseMs)
      .map(([phase, list]) => `${phase} ${m(list)} ms`)
      .join(", "),
);
console.log(
  `per check on the good video: face engine ${m(figures.detectMs, 1)} ms, guidance measures ${m(figures.guideMs, 1)} ms`,
);
console.log(`auto-captured ${autoCaptured}/${runs}; accepted by the server ${accepted}/${runs}`);
stopServer();
process.exit(0);
