import { alignedChip, CHIP_SIZE } from "./align";
import { decodePortrait, encodeOutputs, type RgbImage } from "./decode";
import { bbox, faceGeometry, type FaceGeometry, type Pt } from "./geometry";
import { issue, orderIssues, round, type QualityIssue } from "./issues";
import { faceExposure, faceSharpness, flatShare, imageExposure } from "./photometry";
import { getPool, type DescribeResult, type DetectResult, type WireBox, type WireFace } from "./pool";
import { resolveThresholds, type QualityThresholds } from "./thresholds";

export interface FaceSummary {
  /** Original-image pixels, upright (after EXIF orientation). */
  box: WireBox;
  landmarks: [number, number][];
  interEyePx: number;
  rollDeg: number;
  yawDeg: number;
  pitchDeg: number;
  /** Confidence of the detector that answered: the tiny detector on the fast path (metrics.fastDetector = 1), else SSD. */
  score: number;
}

export interface QualityReport {
  accepted: boolean;
  primary: QualityIssue | null;
  issues: QualityIssue[];
  metrics: Record<string, number>;
  face?: FaceSummary;
  timingsMs: Record<string, number>;
  /** false when the caller asked to skip the quality check (only input problems can reject). */
  qualityChecked: boolean;
}

export interface ProcessOptions {
  qualityCheck: boolean;
  thresholds?: Partial<QualityThresholds>;
}

export interface PortraitResult {
  report: QualityReport;
  /** 128 floats, or null when no usable face (or the photo was rejected). */
  template: number[] | null;
  /** Normalized JPEG (upright, sRGB, no metadata, long side ≤ 1024) whenever the photo was accepted. */
  image: Buffer | null;
  /** 128×128 WebP around the face, same rule as `image`. */
  thumbnail: Buffer | null;
  width?: number;
  height?: number;
}

/**
 * Non-human guard (drawings, renders, pets): not tunable per organization.
 * - the constellation of landmarks must be a plausible human face (geometry.ts), unless the face is
 *   rolled past the reject angle, where the landmark net is unreliable and the photo is refused anyway;
 * - natural texture: camera noise means almost no skin pixel has a perfectly uniform 3×3
 *   neighbourhood (real faces in the fixtures: ≤ 0.011, also 12 MP upscaled); the shaded SVG cartoon
 *   scores 0.10 as PNG and 0.17 as JPEG;
 * - a second detector (tiny face detector, run on a crop around the face) must agree, unless SSD
 *   itself is confident: the tiny detector misses real faces that are cut off or rotated.
 */
const TINY_AGREEMENT_MIN = 0.3;
/**
 * The worker answers from the tiny detector alone (fast path, no SSD) only when every face it found
 * scores at least this — and at least every score threshold in force, so a face taken on the fast path
 * passes minFaceScore and warnFaceScore by construction. At input 320 the fixtures' real faces score
 * 0.81–0.92 and the shaded cartoon 0.34–0.39; everything below goes through SSD as before.
 */
const TINY_FAST_MIN = 0.8;
const SSD_ALONE_MIN = 0.8; // also in face-worker.mjs: the tiny detector only runs below it
const FLAT_SHARE_MAX = 0.04;

interface Candidate {
  wire: WireFace;
  geo: FaceGeometry;
  area: number;
  human: boolean;
  flat: number;
}

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
  const { working, scale } = decoded.image;
  metrics.width = decoded.image.width;
  metrics.height = decoded.image.height;

  const pool = getPool();
  const pixels = new Uint8Array(working.data); // a copy we can transfer; the working copy stays here
  const fastMinScore = Math.max(TINY_FAST_MIN, t.minFaceScore, t.warnFaceScore);
  const detected = await pool.run<DetectResult>(
    { kind: "detect", rgb: pixels.buffer, width: working.width, height: working.height, fastMinScore },
    [pixels.buffer],
  );
  lap("detect");
  metrics.fastDetector = detected.path === "tiny" ? 1 : 0;

  const candidates: Candidate[] = detected.faces
    .filter((f) => f.score >= t.minFaceScore)
    .map((wire) => {
      const geo = faceGeometry(wire.landmarks);
      const flat = flatShare(working, wire.landmarks);
      const agreed = wire.tinyScore >= TINY_AGREEMENT_MIN || wire.score >= SSD_ALONE_MIN;
      // A cut-off or strongly rolled face has squeezed landmarks; it is refused for that reason anyway.
      const refusedAnyway = Math.abs(geo.rollDeg) > t.rollRejectDeg || cutOff(wire, working).cut;
      const shapeOk = geo.plausible || (refusedAnyway && wire.score >= SSD_ALONE_MIN);
      const human = agreed && shapeOk && flat <= FLAT_SHARE_MAX;
      return { wire, geo, area: wire.box.width * wire.box.height, human, flat };
    })
    .sort((a, b) => b.area - a.area || b.wire.score - a.wire.score);
  const main = candidates.find((c) => c.human);
  metrics.facesDetected = detected.faces.length;
  metrics.facesHuman = candidates.filter((c) => c.human).length;

  if (!main) {
    if (options.qualityCheck) {
      // A dark or blown-out photo should say so rather than "no face".
      const e = imageExposure(working);
      metrics.imageDarkShare = round(e.darkShare);
      metrics.imageBrightShare = round(e.brightShare);
      if (e.darkShare >= t.darkShareReject)
        issues.push(issue("TOO_DARK", "reject", { measured: e.darkShare, threshold: t.darkShareReject }));
      else if (e.brightShare >= t.brightShareReject)
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
  if (options.qualityCheck) {
    await checkQuality(main, candidates, working, scale, t, issues, metrics);
    lap("analyze");
    if (issues.some((i) => i.severity === "reject")) return finish({ face });
  }

  const chip = alignedChip(
    working,
    main.wire.landmarks,
    Math.abs(main.geo.rollDeg) > t.rollCorrectDeg ? main.geo.rollDeg : 0,
    midpoint(main.geo.eyes),
  );
  lap("align");
  // The descriptor runs in a worker while sharp encodes the outputs on libuv's pool: overlapped.
  const since = performance.now();
  const timed = <T>(name: string, p: Promise<T>) =>
    p.then((v) => ((timingsMs[name] = round(performance.now() - since, 1)), v));
  const [described, encoded] = await Promise.all([
    timed(
      "describe",
      pool.run<DescribeResult>({ kind: "describe", rgb: chip.buffer, size: CHIP_SIZE }, [
        chip.buffer as ArrayBuffer,
      ]),
    ),
    timed("encode", encodeOutputs(working, main.wire.box)),
  ]);
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

const midpoint = ([a, b]: [Pt, Pt]): Pt => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];

function summarize(c: Candidate, scale: number): FaceSummary {
  const s = (v: number) => round(v / scale, 1);
  return {
    box: { x: s(c.wire.box.x), y: s(c.wire.box.y), width: s(c.wire.box.width), height: s(c.wire.box.height) },
    landmarks: c.wire.landmarks.map(([x, y]) => [s(x), s(y)]),
    interEyePx: s(c.geo.interEye),
    rollDeg: round(c.geo.rollDeg, 1),
    yawDeg: round(c.geo.yawDeg, 1),
    pitchDeg: round(c.geo.pitchDeg, 1),
    score: round(c.wire.score),
  };
}

/** OFIQ-style pose quality: 100·cos²θ. */
const poseScore = (deg: number) => 100 * Math.cos((deg * Math.PI) / 180) ** 2;

async function checkQuality(
  main: Candidate,
  candidates: Candidate[],
  img: RgbImage,
  scale: number,
  t: QualityThresholds,
  issues: QualityIssue[],
  metrics: Record<string, number>,
): Promise<void> {
  const { geo, wire } = main;
  const put = (name: string, v: number) => (metrics[name] = round(v));

  // Other faces: a real second face (the tiny detector agrees) or a confident SSD one.
  const others = candidates.filter((c) => c !== main && (c.wire.tinyScore > 0 || c.wire.score >= 0.8));
  const secondRatio = others.length ? Math.max(...others.map((c) => c.area)) / main.area : 0;
  put("secondFaceRatio", secondRatio);
  if (secondRatio >= t.multipleFacesRejectRatio)
    issues.push(
      issue("MULTIPLE_FACES", "reject", { measured: secondRatio, threshold: t.multipleFacesRejectRatio }),
    );
  else if (secondRatio >= t.multipleFacesWarnRatio)
    issues.push(
      issue("MULTIPLE_FACES", "warn", { measured: secondRatio, threshold: t.multipleFacesWarnRatio }),
    );

  const cut = cutOff(wire, img);
  put("landmarkBorderGap", cut.gap);
  put("boxOverflow", cut.overflow);
  const cutOff_ = cut.cut;
  if (cutOff_) issues.push(issue("FACE_CUT_OFF", "reject"));

  const interEyePx = geo.interEye / scale;
  put("interEyePx", interEyePx);
  const iedScore = Math.min(100, (100 * interEyePx) / 60);
  if (interEyePx < t.faceTooSmallRejectPx)
    issues.push(
      issue("FACE_TOO_SMALL", "reject", {
        measured: interEyePx,
        threshold: t.faceTooSmallRejectPx,
        score: iedScore,
      }),
    );
  else if (interEyePx < t.faceTooSmallWarnPx)
    issues.push(
      issue("FACE_TOO_SMALL", "warn", {
        measured: interEyePx,
        threshold: t.faceTooSmallWarnPx,
        score: iedScore,
      }),
    );

  put("rollDeg", geo.rollDeg);
  put("yawDeg", geo.yawDeg);
  put("pitchDeg", geo.pitchDeg);
  put("eyesOpenRatio", geo.eyesOpenRatio);
  issues.push(...poseAndEyesIssues(geo, t));

  const noseX = wire.landmarks[30]![0];
  const e = faceExposure(img, wire.landmarks, noseX);
  put("darkShare", e.darkShare);
  put("brightShare", e.brightShare);
  put("meanLuma", e.meanLuma);
  put("stdLuma", e.stdLuma);
  put("sideImbalance", e.sideImbalance);
  put("flatShare", main.flat);
  const exposureScore = (share: number) => 100 * (1 - share);
  if (e.darkShare >= t.darkShareReject)
    issues.push(
      issue("TOO_DARK", "reject", {
        measured: e.darkShare,
        threshold: t.darkShareReject,
        score: exposureScore(e.darkShare),
      }),
    );
  else if (e.darkShare >= t.darkShareWarn)
    issues.push(
      issue("TOO_DARK", "warn", {
        measured: e.darkShare,
        threshold: t.darkShareWarn,
        score: exposureScore(e.darkShare),
      }),
    );
  if (e.brightShare >= t.brightShareReject)
    issues.push(
      issue("TOO_BRIGHT", "reject", {
        measured: e.brightShare,
        threshold: t.brightShareReject,
        score: exposureScore(e.brightShare),
      }),
    );
  else if (e.brightShare >= t.brightShareWarn)
    issues.push(
      issue("TOO_BRIGHT", "warn", {
        measured: e.brightShare,
        threshold: t.brightShareWarn,
        score: exposureScore(e.brightShare),
      }),
    );
  const badExposure = e.darkShare >= t.darkShareWarn || e.brightShare >= t.brightShareWarn;
  if (!badExposure && e.stdLuma < t.lowContrastWarnStd)
    issues.push(issue("LOW_CONTRAST", "warn", { measured: e.stdLuma, threshold: t.lowContrastWarnStd }));

  const sharpness = await faceSharpness(img, wire.landmarks, geo.interEye);
  put("sharpness", sharpness);
  if (sharpness < t.blurRejectLaplacian)
    issues.push(issue("BLURRY", "reject", { measured: sharpness, threshold: t.blurRejectLaplacian }));
  else if (sharpness < t.blurWarnLaplacian)
    issues.push(issue("BLURRY", "warn", { measured: sharpness, threshold: t.blurWarnLaplacian }));

  put("faceScore", wire.score);
  put("tinyScore", wire.tinyScore);
  if (wire.score < t.warnFaceScore)
    issues.push(
      issue("LOW_DETECTION_CONFIDENCE", "warn", {
        measured: wire.score,
        threshold: t.warnFaceScore,
        score: wire.score * 100,
      }),
    );

  if (!cutOff_) {
    const lm = bbox(wire.landmarks);
    const mx = lm.width * t.tightCropMargin;
    const my = lm.height * t.tightCropMargin;
    if (
      lm.x - mx < 0 ||
      lm.y - my < 0 ||
      lm.x + lm.width + mx > img.width ||
      lm.y + lm.height + my > img.height
    )
      issues.push(issue("TIGHT_CROP", "warn"));
  }

  put("mouthOpenRatio", geo.mouthOpenRatio);
  if (geo.mouthOpenRatio > t.mouthOpenWarnRatio)
    issues.push(
      issue("MOUTH_OPEN", "warn", { measured: geo.mouthOpenRatio, threshold: t.mouthOpenWarnRatio }),
    );
  if (!badExposure && e.sideImbalance > t.unevenLightingWarnRatio)
    issues.push(
      issue("UNEVEN_LIGHTING", "warn", { measured: e.sideImbalance, threshold: t.unevenLightingWarnRatio }),
    );
}

/** Head pose (roll, yaw, pitch) and eyes-open decisions: landmark geometry only, no pixels. */
export function poseAndEyesIssues(
  geo: Pick<FaceGeometry, "rollDeg" | "yawDeg" | "pitchDeg" | "eyesOpenRatio">,
  t: QualityThresholds,
): QualityIssue[] {
  const issues: QualityIssue[] = [];
  const roll = Math.abs(geo.rollDeg);
  if (roll > t.rollRejectDeg)
    issues.push(
      issue("HEAD_TILTED", "reject", { measured: roll, threshold: t.rollRejectDeg, score: poseScore(roll) }),
    );
  const yaw = Math.abs(geo.yawDeg);
  if (yaw > t.yawRejectDeg)
    issues.push(
      issue("HEAD_TURNED", "reject", { measured: yaw, threshold: t.yawRejectDeg, score: poseScore(yaw) }),
    );
  else if (yaw > t.yawWarnDeg)
    issues.push(
      issue("HEAD_TURNED", "warn", { measured: yaw, threshold: t.yawWarnDeg, score: poseScore(yaw) }),
    );
  const pitch = Math.abs(geo.pitchDeg);
  if (pitch > t.pitchWarnDeg)
    issues.push(
      issue("HEAD_TILTED_UP_DOWN", "warn", {
        measured: pitch,
        threshold: t.pitchWarnDeg,
        score: poseScore(pitch),
      }),
    );
  if (geo.eyesOpenRatio < t.eyesOpenMinRatio)
    issues.push(
      issue("EYES_CLOSED", "reject", { measured: geo.eyesOpenRatio, threshold: t.eyesOpenMinRatio }),
    );
  return issues;
}

/**
 * Cut off: a landmark at the border, or the detector's box well past it. The landmark net squeezes a
 * cut face into the visible part, so "at the border" means within 5 % of the face size.
 */
function cutOff(wire: WireFace, img: RgbImage): { cut: boolean; gap: number; overflow: number } {
  const lm = bbox(wire.landmarks);
  const size = Math.max(lm.width, lm.height, 1);
  const gap = Math.min(lm.x, lm.y, img.width - lm.x - lm.width, img.height - lm.y - lm.height) / size;
  const b = wire.box;
  const overflow =
    Math.max(-b.x, -b.y, b.x + b.width - img.width, b.y + b.height - img.height, 0) /
    Math.max(b.width, b.height);
  return { cut: gap < 0.05 || overflow > 0.08, gap, overflow };
}
