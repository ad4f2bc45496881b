import { alignedChip, CHIP_SIZE } from "./align";
import { blockiness, compressionOf } from "./compression";
import { decodePortrait, encodeOutputs, stretchContrast, type RgbImage } from "./decode";
import { findFaces, findUpright, type Candidate, type DetectClock } from "./faces";
import { framedPicture } from "./frame";
import { bbox, type FaceGeometry, type Pt } from "./geometry";
import { issue, occludedIssue, orderIssues, round, type QualityIssue } from "./issues";
import { TEMPLATE_MODEL } from "./model";
import { occlusionOf } from "./occlusion";
import { faceExposure, faceSharpness, halfExposures, imageExposure } from "./photometry";
import { getPool } from "./pool";
import type { WireBox } from "./worker-protocol";
import { resolveThresholds, type QualityThresholds } from "./thresholds";

export interface FaceSummary {
  /** Original-image pixels, upright (after EXIF orientation). */
  box: WireBox;
  landmarks: [number, number][];
  interEyePx: number;
  rollDeg: number;
  yawDeg: number;
  pitchDeg: number;
  /** BlazeFace detection score. */
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
  /** The model that made `template` (TEMPLATE_MODEL), null with it. Store it with the template. */
  templateModel: string | null;
  /** Normalized JPEG (upright, sRGB, no metadata, long side ≤ 1024) whenever the photo was accepted. */
  image: Buffer | null;
  /** 128×128 WebP around the face, same rule as `image`. */
  thumbnail: Buffer | null;
  width?: number;
  height?: number;
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
  bytes: Uint8Array,
): Promise<void> {
  const { geo, wire } = main;
  const put = (name: string, v: number) => (metrics[name] = round(v));

  // A face inside a closed frame (a screen's bezel, a page's edge) is a picture of a picture.
  const frame = await framedPicture(img, bbox(main.landmarks));
  put("frameSupport", frame.support);
  if (frame.framed) {
    issues.push(issue("FACE_NOT_FOUND", "reject"));
    return;
  }

  // Other faces: only those that pass the non-human guard (a poster or a pet behind you is no face).
  const others = candidates.filter((c) => c !== main && c.human);
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

  const cut = cutOff(main.landmarks, img);
  put("landmarkBorderGap", cut.gap);
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

  const landmarks = main.landmarks;
  const noseX = landmarks[30]![0];
  const e = faceExposure(img, landmarks, noseX);
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

  const occ = occlusionOf(img, wire.mesh, geo.interEye);
  put("eyesDarkShare", occ.eyesDark);
  put("noseForeignShare", occ.noseForeign);
  put("mouthForeignShare", occ.mouthForeign);
  put("lowerFaceForeignShare", occ.lowerFaceForeign);
  put("glabellaCovered", occ.glabellaCovered ? 1 : 0);
  // In crushed shadows or blown highlights every region looks foreign: exposure is the message then.
  // Judged on both halves of the face, so the occluder's own dark or bright pixels do not count.
  const [upper, lower] = halfExposures(img, landmarks);
  const exposureHidesOcclusion =
    Math.min(upper!.dark, lower!.dark) >= t.darkShareWarn ||
    Math.min(upper!.bright, lower!.bright) >= t.brightShareWarn;
  const eyesCovered =
    !exposureHidesOcclusion && (occ.eyesDark >= t.occludedEyesDarkShare || occ.glabellaCovered);
  const mouthCovered =
    !exposureHidesOcclusion &&
    (Math.min(occ.noseForeign, occ.mouthForeign) >= t.occludedForeignShare ||
      occ.lowerFaceForeign >= t.occludedLowerFaceShare);
  if (eyesCovered || mouthCovered)
    issues.push(
      occludedIssue(eyesCovered && mouthCovered ? "both" : eyesCovered ? "eyes" : "nose-mouth", {
        measured: eyesCovered ? occ.eyesDark : occ.lowerFaceForeign,
        threshold: eyesCovered ? t.occludedEyesDarkShare : t.occludedLowerFaceShare,
      }),
    );

  if (!badExposure && e.stdLuma < t.lowContrastWarnStd)
    issues.push(issue("LOW_CONTRAST", "warn", { measured: e.stdLuma, threshold: t.lowContrastWarnStd }));

  const sharpness = await faceSharpness(img, landmarks, geo.interEye);
  put("sharpness", sharpness);
  if (sharpness < t.blurRejectLaplacian)
    issues.push(issue("BLURRY", "reject", { measured: sharpness, threshold: t.blurRejectLaplacian }));
  else if (sharpness < t.blurWarnLaplacian)
    issues.push(issue("BLURRY", "warn", { measured: sharpness, threshold: t.blurWarnLaplacian }));

  put("faceScore", wire.boxScore);
  put("meshScore", wire.meshScore);
  if (wire.boxScore < t.warnFaceScore)
    issues.push(
      issue("LOW_DETECTION_CONFIDENCE", "warn", {
        measured: wire.boxScore,
        threshold: t.warnFaceScore,
        score: wire.boxScore * 100,
      }),
    );

  if (!cutOff_) {
    const lm = bbox(landmarks);
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
  const comp = compressionOf(bytes, img, bbox(landmarks), scale === 1);
  if (comp.blockiness !== undefined) put("blockiness", comp.blockiness);
  if (comp.jpegQuality !== undefined) put("jpegQuality", comp.jpegQuality);
  if ((comp.blockiness ?? 0) >= t.blockinessWarn)
    issues.push(
      issue("HEAVY_COMPRESSION", "warn", { measured: comp.blockiness, threshold: t.blockinessWarn }),
    );
  else if (comp.jpegQuality !== undefined && comp.jpegQuality <= t.jpegQualityWarn)
    issues.push(
      issue("HEAVY_COMPRESSION", "warn", { measured: comp.jpegQuality, threshold: t.jpegQualityWarn }),
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
 * Cut off: the mesh is fitted to the whole face even where it leaves the photo, so a landmark past
 * the border (or within 5 % of the face size of it) means part of the face is outside.
 */
function cutOff(landmarks: Pt[], img: RgbImage): { cut: boolean; gap: number } {
  const lm = bbox(landmarks);
  const size = Math.max(lm.width, lm.height, 1);
  const gap = Math.min(lm.x, lm.y, img.width - lm.x - lm.width, img.height - lm.y - lm.height) / size;
  return { cut: gap < 0.05, gap };
}
