import { compressionOf } from "./compression";
import type { RgbImage } from "./decode";
import type { Candidate } from "./faces";
import { framedPicture } from "./frame";
import { bbox, landmarksNearEdge, type FaceGeometry, type Pt } from "./geometry";
import { issue, occludedIssue, round, type QualityIssue } from "./issues";
import { coveredParts, occlusionOf } from "./occlusion";
import { faceExposure, faceSharpness } from "./photometry";
import type { QualityThresholds } from "./thresholds";

/**
 * The quality check of one found face: every decision processPortrait makes about a photo once a
 * face is found, each as a reject or warn issue with its measure (docs/QUALITY.md's table).
 */
/** OFIQ-style pose quality: 100·cos²θ. */
const poseScore = (deg: number) => 100 * Math.cos((deg * Math.PI) / 180) ** 2;

export async function checkQuality(
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
  const covered = coveredParts(img, landmarks, occ, t);
  const eyesCovered = covered.eyes;
  const mouthCovered = covered.mouth;
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

  if (!cutOff_ && landmarksNearEdge(landmarks, img, t.tightCropMargin))
    issues.push(issue("TIGHT_CROP", "warn"));

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
