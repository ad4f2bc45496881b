import { alignedChip, CHIP_SIZE } from "./align";
import { blockiness } from "./compression";
import { decodePortrait, encodeOutputs, stretchContrast, type RgbImage } from "./decode";
import { findFaces, findUpright, type Candidate, type DetectClock } from "./faces";
import { bbox, type Pt } from "./geometry";
import { issue, orderIssues, round, type QualityIssue } from "./issues";
import { TEMPLATE_MODEL } from "./model";
import { imageExposure } from "./photometry";
import { getPool } from "./pool";
import { checkQuality } from "./quality-check";
import type { FaceSummary, PortraitResult, ProcessOptions, QualityReport } from "./report";
import { resolveThresholds } from "./thresholds";
import type { WireBox } from "./worker-protocol";

export async function processPortrait(bytes: Uint8Array, options: ProcessOptions): Promise<PortraitResult> {
  const t = resolveThresholds(options.thresholds);
  const timingsMs: Record<string, number> = {};
  const started = performance.now();
  let mark = started;
  const lap = (name: string) => {
    const now = performance.now();
    timingsMs[name] = round(now - mark, 1);
    mark = now;
  };
  const metrics: Record<string, number> = {};
  const issues: QualityIssue[] = [];
  const finish = (extra: Partial<PortraitResult> & { face?: FaceSummary }): PortraitResult => {
    timingsMs.total = round(performance.now() - started, 1);
    const ordered = orderIssues(issues);
    const accepted = !ordered.issues.some((i) => i.severity === "reject");
    const report: QualityReport = {
      accepted,
      primary: ordered.primary,
      issues: ordered.issues,
      metrics,
      timingsMs,
      qualityChecked: options.qualityCheck,
    };
    if (extra.face) report.face = extra.face;
    return {
      report,
      template: extra.template ?? null,
      templateModel: extra.template ? TEMPLATE_MODEL : null,
      image: extra.image ?? null,
      thumbnail: extra.thumbnail ?? null,
      width: extra.width,
      height: extra.height,
    };
  };

  const decoded = await decodePortrait(bytes, t);
  lap("decode");
  if (!decoded.ok) {
    issues.push(decoded.issue);
    return finish({});
  }
  const { scale } = decoded.image;
  metrics.width = decoded.image.width;
  metrics.height = decoded.image.height;

  // JPEG blocks on the original pixels (a downscaled working copy has none left to see).
  const blocky =
    scale === 1 && blockiness(decoded.image.working, wholeImage(decoded.image.working)) >= t.blockinessWarn;
  const clock: DetectClock = { ms: 0, reads: 0 };
  const { img: working, candidates, turnedDeg } = await findUpright(decoded.image.working, t, blocky, clock);
  lap("detect");
  timingsMs.detectWorker = round(clock.ms, 1);
  metrics.orientationReads = clock.reads;
  metrics.turnedDeg = turnedDeg;
  const main = candidates.find((c) => c.human);
  metrics.facesDetected = candidates.length;
  metrics.facesHuman = candidates.filter((c) => c.human).length;
  if (candidates[0]) {
    // The strongest candidate, human or not: why a photo got "no face" is then visible in the report.
    const best = [...candidates].sort((a, b) => b.wire.boxScore - a.wire.boxScore)[0]!;
    metrics.bestBoxScore = round(best.wire.boxScore);
    metrics.bestMeshScore = round(best.wire.meshScore);
    metrics.bestFlatShare = round(best.flat);
    metrics.bestPlausible = best.geo.plausible ? 1 : 0;
    metrics.bestRollDeg = round(best.geo.rollDeg, 1);
  }

  if (!main) {
    if (options.qualityCheck) {
      // A dark or blown-out photo should say so rather than "no face" — when there is a face in it:
      // with its contrast stretched, the same check must find one (a black cat in the dark is no face).
      const e = imageExposure(working);
      metrics.imageDarkShare = round(e.darkShare);
      metrics.imageBrightShare = round(e.brightShare);
      const dark = e.darkShare >= t.darkShareReject;
      const bright = !dark && e.brightShare >= t.brightShareReject;
      const hidden =
        dark || bright
          ? (await findFaces(await stretchContrast(working), t, blocky, clock, working)).some((c) => c.human)
          : false;
      metrics.faceAfterStretch = hidden ? 1 : 0;
      if (hidden && dark)
        issues.push(issue("TOO_DARK", "reject", { measured: e.darkShare, threshold: t.darkShareReject }));
      else if (hidden && bright)
        issues.push(
          issue("TOO_BRIGHT", "reject", { measured: e.brightShare, threshold: t.brightShareReject }),
        );
      else issues.push(issue("FACE_NOT_FOUND", "reject"));
      lap("analyze");
      return finish({});
    }
    issues.push(issue("FACE_NOT_FOUND", "warn"));
    return finish(await outputs(working, null, lap));
  }

  const face = summarize(main, scale);
  const chip = alignedChip(
    working,
    main.landmarks,
    Math.abs(main.geo.rollDeg) > t.rollCorrectDeg ? main.geo.rollDeg : 0,
    midpoint(main.geo.eyes),
  );
  lap("align");
  // The template (in a worker) and the stored images (sharp, on libuv's pool) are made while the
  // checks run on this thread; a rejected photo's are dropped unseen.
  const since = performance.now();
  const timed = <T>(name: string, p: Promise<T>) =>
    p.then((v) => ((timingsMs[name] = round(performance.now() - since, 1)), v));
  const made = Promise.all([
    timed("describe", getPool().run({ kind: "describe", rgb: chip.buffer, size: CHIP_SIZE }, [chip.buffer])),
    timed("encode", encodeOutputs(working, bbox(main.landmarks))),
  ]);
  if (options.qualityCheck) {
    await checkQuality(main, candidates, working, scale, t, issues, metrics, bytes);
    lap("analyze");
    if (issues.some((i) => i.severity === "reject")) {
      made.catch(() => {}); // not needed: a busy pool or a failed encode does not matter here
      return finish({ face });
    }
  }
  const [described, encoded] = await made;
  mark = performance.now();
  // float32 from the network, rounded to 6 decimals: stable when stored as JSON or numeric.
  const template = described.descriptor.map((v) => round(v, 6));
  return finish({ face, template, ...encoded });
}

async function outputs(working: RgbImage, box: WireBox | null, lap: (name: string) => void) {
  const out = await encodeOutputs(working, box);
  lap("encode");
  return out;
}

const wholeImage = (img: RgbImage) => ({ x: 0, y: 0, width: img.width, height: img.height });

const midpoint = ([a, b]: [Pt, Pt]): Pt => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];

function summarize(c: Candidate, scale: number): FaceSummary {
  const s = (v: number) => round(v / scale, 1);
  return {
    box: { x: s(c.wire.box.x), y: s(c.wire.box.y), width: s(c.wire.box.width), height: s(c.wire.box.height) },
    landmarks: c.landmarks.map(([x, y]) => [s(x), s(y)]),
    interEyePx: s(c.geo.interEye),
    rollDeg: round(c.geo.rollDeg, 1),
    yawDeg: round(c.geo.yawDeg, 1),
    pitchDeg: round(c.geo.pitchDeg, 1),
    score: round(c.wire.boxScore),
  };
}
