/**
 * Live guidance on the phone: what the person should change, judged on camera frames with the same
 * measures and the same thresholds as the server check (process.ts). Pure: no native code, no
 * server-only imports, so the upload page runs exactly this module in the browser.
 *
 * Where the server only warns (a little dark, a little turned, a little blurry), the guidance already
 * asks for better: the photo it lets through should pass without a warning.
 */
import {
  faceExposure,
  FLAT_SHARE_MAX,
  flatShare,
  imageExposure,
  laplacianStd,
  sharpnessWindow,
} from "./exposure";
import type { Pixels } from "./exposure";
import { bbox, faceGeometry, type Pt } from "./geometry";
import { landmarks68 } from "./mesh";
import { coveredParts, occlusionOf } from "./occlusion";
import type { QualityThresholds } from "./thresholds";

/** One face as the face engine reports it, in frame pixels. */
export interface LiveFace {
  boxScore: number;
  /** Flat [x, y, z, …] 468-point mesh (MediaPipe topology), frame pixels. */
  mesh: number[];
  /** Head rotation derived from the mesh, degrees (as face-worker.mjs reports it). */
  yawDeg: number;
  pitchDeg: number;
}

/** The oval guide, in frame pixels: centre and radii. */
export interface Oval {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

export interface LiveFrame {
  pixels: Pixels;
  faces: LiveFace[];
  oval: Oval;
  /** Pixels of the photo that will be taken per frame pixel (the camera's resolution / the frame's). */
  captureScale: number;
}

/** The hints, most important first: the first that applies is the one shown. */
export const LIVE_HINTS = [
  "NO_FACE",
  "MULTIPLE_FACES",
  "TOO_DARK",
  "TOO_BRIGHT",
  "OUT_OF_OVAL",
  "MOVE_CLOSER",
  "MOVE_BACK",
  "HEAD_TILTED",
  "HEAD_TURNED",
  "HEAD_TILTED_UP_DOWN",
  "EYES_CLOSED",
  "EYES_COVERED",
  "MOUTH_COVERED",
  "BLURRY",
] as const;
export type LiveHint = (typeof LIVE_HINTS)[number];

/**
 * The oval is where the face should be; these shares are about the picture on the screen, not about
 * recognition, so they are not organization settings. The face (its landmark box) must be centred in
 * the oval within OVAL_CENTRE_TOLERANCE of the oval's radii, and its width between the two shares of
 * the oval's width.
 */
export const OVAL_CENTRE_TOLERANCE = 0.35;
/**
 * The landmark box runs from the brows to the chin; the oval also holds the forehead, so the box's
 * centre belongs this share of the oval's vertical radius below the oval's centre.
 */
export const OVAL_LANDMARK_DROP = 0.15;
export const OVAL_MIN_FACE_SHARE = 0.55;
export const OVAL_MAX_FACE_SHARE = 1.15;

export interface LiveAssessment {
  hint: LiveHint | null;
  /** The measures behind the hint (for the bench and for tests). */
  metrics: Record<string, number>;
}

/** Everything that is wrong with a frame, most important first; an empty list means "hold still". */
export function liveHints(frame: LiveFrame, t: QualityThresholds): LiveAssessment {
  const hints = new Set<LiveHint>();
  const metrics: Record<string, number> = {};
  const done = (): LiveAssessment => ({ hint: LIVE_HINTS.find((h) => hints.has(h)) ?? null, metrics });
  const { pixels: img, oval } = frame;
  // The server's non-human guard (faces.ts): a sure enough detection, a plausible human
  // constellation, skin with natural texture. A drawing or a pet is no face here either.
  const faces = frame.faces
    .filter((f) => f.boxScore >= t.minFaceScore)
    .map((f) => ({ f, lm: landmarks68(f.mesh) }))
    .filter(
      ({ f, lm }) =>
        faceGeometry(lm, { yawDeg: f.yawDeg, pitchDeg: f.pitchDeg }).plausible &&
        Math.min(...flatShare(img, lm).map((b) => b.flat)) <= FLAT_SHARE_MAX,
    )
    .map((x) => ({ ...x, box: bbox(x.lm) }))
    .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
  metrics.faces = faces.length;
  const main = faces[0];
  if (!main) {
    // As on the server: a dark or blown-out picture says so rather than "no face".
    const e = imageExposure(img);
    metrics.imageDarkShare = e.darkShare;
    metrics.imageBrightShare = e.brightShare;
    if (e.darkShare >= t.darkShareReject) hints.add("TOO_DARK");
    else if (e.brightShare >= t.brightShareReject) hints.add("TOO_BRIGHT");
    hints.add("NO_FACE");
    return done();
  }
  const area = (b: { width: number; height: number }) => b.width * b.height;
  const second = faces[1] ? area(faces[1].box) / Math.max(1, area(main.box)) : 0;
  metrics.secondFaceRatio = second;
  if (second >= t.multipleFacesWarnRatio) hints.add("MULTIPLE_FACES");
  // Stages run in hint order and stop at the first that finds something: only one hint is shown,
  // and a frame that is plainly wrong costs little.
  if (hints.size) return done();

  const geo = faceGeometry(main.lm, { yawDeg: main.f.yawDeg, pitchDeg: main.f.pitchDeg });
  const e = faceExposure(img, main.lm, main.lm[30]![0]);
  metrics.darkShare = e.darkShare;
  metrics.brightShare = e.brightShare;
  if (e.darkShare >= t.darkShareWarn) hints.add("TOO_DARK");
  if (e.brightShare >= t.brightShareWarn) hints.add("TOO_BRIGHT");
  if (hints.size) return done();

  const { box } = main;
  const dx = (box.x + box.width / 2 - oval.cx) / oval.rx;
  const dy = (box.y + box.height / 2 - oval.cy) / oval.ry - OVAL_LANDMARK_DROP;
  const share = box.width / (2 * oval.rx);
  const inFrame =
    box.x >= 0 && box.y >= 0 && box.x + box.width <= img.width && box.y + box.height <= img.height;
  metrics.ovalOffset = Math.hypot(dx, dy);
  metrics.ovalShare = share;
  if (!inFrame || Math.hypot(dx, dy) > OVAL_CENTRE_TOLERANCE) hints.add("OUT_OF_OVAL");
  const interEyePx = geo.interEye * frame.captureScale;
  metrics.interEyePx = interEyePx;
  if (share < OVAL_MIN_FACE_SHARE || interEyePx < t.faceTooSmallWarnPx) hints.add("MOVE_CLOSER");
  if (share > OVAL_MAX_FACE_SHARE) hints.add("MOVE_BACK");
  if (hints.size) return done();

  metrics.rollDeg = geo.rollDeg;
  metrics.yawDeg = geo.yawDeg;
  metrics.pitchDeg = geo.pitchDeg;
  metrics.eyesOpenRatio = geo.eyesOpenRatio;
  // The server straightens a tilted head up to rollRejectDeg; the guidance keeps a margin of half.
  if (Math.abs(geo.rollDeg) > t.rollRejectDeg / 2) hints.add("HEAD_TILTED");
  if (Math.abs(geo.yawDeg) > t.yawWarnDeg) hints.add("HEAD_TURNED");
  if (Math.abs(geo.pitchDeg) > t.pitchWarnDeg) hints.add("HEAD_TILTED_UP_DOWN");
  if (geo.eyesOpenRatio < t.eyesOpenMinRatio) hints.add("EYES_CLOSED");
  if (hints.size) return done();

  // Occlusion exactly as the server judges it, including when exposure hides it.
  const occ = occlusionOf(img, main.f.mesh, geo.interEye);
  metrics.eyesDarkShare = occ.eyesDark;
  metrics.lowerFaceForeignShare = occ.lowerFaceForeign;
  const covered = coveredParts(img, main.lm, occ, t);
  if (covered.eyes) hints.add("EYES_COVERED");
  if (covered.mouth) hints.add("MOUTH_COVERED");
  if (hints.size) return done();

  const sharpness = faceSharpnessOf(img, main.lm, geo.interEye);
  metrics.sharpness = sharpness;
  if (sharpness < t.blurWarnLaplacian) hints.add("BLURRY");
  return done();
}

/**
 * The server's sharpness measure (photometry.ts faceSharpness): Laplacian spread on the inner face
 * resampled to SHARPNESS_EYE_PX between the eyes. The server resamples with sharp's cubic kernel;
 * here it is bilinear, which reads slightly softer — never sharper than the server will.
 */
export function faceSharpnessOf(img: Pixels, landmarks: Pt[], interEye: number): number {
  const win = sharpnessWindow(img, landmarks, interEye);
  if (!win) return 0;
  const { left, top, width, height, w, h } = win;
  const grey = new Float32Array(w * h);
  const luma = (x: number, y: number) => {
    const i = (y * img.width + x) * 3;
    return 0.2126 * img.data[i]! + 0.7152 * img.data[i + 1]! + 0.0722 * img.data[i + 2]!;
  };
  for (let y = 0; y < h; y++) {
    const sy = Math.min(height - 1, Math.max(0, ((y + 0.5) * height) / h - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(height - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < w; x++) {
      const sx = Math.min(width - 1, Math.max(0, ((x + 0.5) * width) / w - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(width - 1, x0 + 1);
      const fx = sx - x0;
      const a = luma(left + x0, top + y0) * (1 - fx) + luma(left + x1, top + y0) * fx;
      const b = luma(left + x0, top + y1) * (1 - fx) + luma(left + x1, top + y1) * fx;
      // Rounded to whole grey levels like the server's 8-bit resample.
      grey[y * w + x] = Math.round(a * (1 - fy) + b * fy);
    }
  }
  return laplacianStd(grey, w, h);
}
