/** Face geometry from the 68-point (iBUG) landmarks; all angles in degrees. */
export type Pt = [number, number];

const mean = (pts: Pt[]): Pt => [
  pts.reduce((s, p) => s + p[0], 0) / pts.length,
  pts.reduce((s, p) => s + p[1], 0) / pts.length,
];
const dist = (a: Pt, b: Pt) => Math.hypot(a[0] - b[0], a[1] - b[1]);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const rad = Math.PI / 180;

export interface FaceGeometry {
  /** Eye centres in image coordinates: [image-left eye, image-right eye]. */
  eyes: [Pt, Pt];
  interEye: number;
  rollDeg: number;
  yawDeg: number;
  pitchDeg: number;
  /** Mean eyelid gap / eye-to-chin distance (OFIQ EyesOpen). */
  eyesOpenRatio: number;
  /** Inner-lip gap / mouth width. */
  mouthOpenRatio: number;
  /** Landmarks rotated upright about the eye midpoint. */
  upright: Pt[];
  /** true when the constellation looks like a human face (order and proportions). */
  plausible: boolean;
}

export function rotateAbout(p: Pt, c: Pt, deg: number): Pt {
  const cos = Math.cos(deg * rad);
  const sin = Math.sin(deg * rad);
  const dx = p[0] - c[0];
  const dy = p[1] - c[1];
  return [c[0] + dx * cos - dy * sin, c[1] + dx * sin + dy * cos];
}

/** Head rotation out of the image plane, from the 3D face mesh (see face-worker.mjs). */
export interface HeadPose {
  yawDeg: number;
  pitchDeg: number;
}

/**
 * Geometry of one face. Roll comes from the eye line of the landmarks (it is what alignment undoes);
 * yaw and pitch from the 3D mesh fit, with the mesh model's pitch bias removed (PITCH_NEUTRAL_DEG).
 */
export function faceGeometry(
  landmarks: Pt[],
  pose: HeadPose = { yawDeg: 0, pitchDeg: PITCH_NEUTRAL_DEG },
): FaceGeometry {
  const at = (i: number) => landmarks[i]!;
  const eyeA = mean(range(36, 41).map(at));
  const eyeB = mean(range(42, 47).map(at));
  const rollDeg = Math.atan2(eyeB[1] - eyeA[1], eyeB[0] - eyeA[0]) / rad;
  const mid = mean([eyeA, eyeB]);
  const upright = landmarks.map((p) => rotateAbout(p, mid, -rollDeg));
  const u = (i: number) => upright[i]!;
  const interEye = dist(eyeA, eyeB);
  const yawDeg = pose.yawDeg;
  const pitchDeg = pose.pitchDeg - PITCH_NEUTRAL_DEG;
  const chin = u(8);

  const eyeToChin = dist(mid, chin);
  const gap = (top: number, bottom: number) => dist(u(top), u(bottom));
  const openA = (gap(37, 41) + gap(38, 40)) / 2;
  const openB = (gap(43, 47) + gap(44, 46)) / 2;
  const eyesOpenRatio = (openA + openB) / 2 / Math.max(1e-6, eyeToChin);
  const mouthOpenRatio = gap(62, 66) / Math.max(1e-6, dist(u(48), u(54)));

  return {
    eyes: [eyeA, eyeB],
    interEye,
    rollDeg,
    yawDeg,
    pitchDeg,
    eyesOpenRatio,
    mouthOpenRatio,
    upright,
    plausible: plausible(upright, interEye),
  };
}

/**
 * The mesh's pitch on a face looking straight into the camera is not 0: human derives it from the
 * forehead-to-chin direction of the mesh, which leans back on a real face. Median pitch over the
 * frontal portraits of the labelled set (test/quality-set, `npm run eval -- quality`).
 */
export const PITCH_NEUTRAL_DEG = 6.5;

/**
 * The landmark net always outputs a face-shaped constellation, even on a drawing; what it cannot fake
 * is the ordering and proportions of a real face in the upright frame.
 */
function plausible(u: Pt[], interEye: number): boolean {
  const y = (i: number) => u[i]![1];
  const x = (i: number) => u[i]![0];
  const eyesY = (y(39) + y(42)) / 2;
  const browY = (y(19) + y(24)) / 2;
  const mouthY = (y(51) + y(57)) / 2;
  const faceWidth = x(16) - x(0);
  if (!(browY < eyesY && eyesY < y(30) && y(30) < mouthY && mouthY < y(8))) return false;
  if (!(x(36) < x(39) && x(39) < x(42) && x(42) < x(45))) return false;
  const widthRatio = interEye / Math.max(1e-6, faceWidth);
  const heightRatio = (y(8) - eyesY) / Math.max(1e-6, interEye);
  return widthRatio > 0.25 && widthRatio < 0.65 && heightRatio > 1.0 && heightRatio < 2.6;
}

export function bbox(pts: Pt[]): { x: number; y: number; width: number; height: number } {
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

export const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/**
 * Whether the landmarks' box, widened by `margin` of its size on every side, leaves the image: a
 * tight crop (the TIGHT_CROP warning, and the cue to read a photo again padded).
 */
export function landmarksNearEdge(
  landmarks: Pt[],
  img: { width: number; height: number },
  margin: number,
): boolean {
  const b = bbox(landmarks);
  const mx = b.width * margin;
  const my = b.height * margin;
  return b.x - mx < 0 || b.y - my < 0 || b.x + b.width + mx > img.width || b.y + b.height + my > img.height;
}
