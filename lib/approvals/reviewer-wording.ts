/**
 * What the quality check found, in words for the reviewer: what was measured and where the limit
 * is — not the advice the person read on their phone ("Move closer…").
 */
export interface MeasuredIssue {
  code: string;
  severity: string;
  measured?: number;
  threshold?: number;
}

const pct = (v: number) => `${Math.round(v * 100)} %`;
const num = (v: number) => (Math.abs(v) >= 10 ? Math.round(v).toString() : v.toFixed(1));
const deg = (v: number) => `${Math.round(Math.abs(v))}°`;

type Wording = (m: number, t: number, limit: string) => string;

/** `limit`: "warning" or "refused" — which line the measurement crossed. */
const WORDING: Record<string, Wording> = {
  FACE_TOO_SMALL: (m, t, limit) => `Small face: ${num(m)} px between the eyes (${limit} below ${num(t)} px)`,
  HEAD_TURNED: (m, t, limit) => `Head turned ${deg(m)} to the side (${limit} above ${deg(t)})`,
  HEAD_TILTED: (m, t, limit) => `Head tilted ${deg(m)} (${limit} above ${deg(t)})`,
  HEAD_TILTED_UP_DOWN: (m, t, limit) => `Head tilted ${deg(m)} up or down (${limit} above ${deg(t)})`,
  TOO_DARK: (m, t, limit) => `${pct(m)} of the face is nearly black (${limit} from ${pct(t)})`,
  TOO_BRIGHT: (m, t, limit) => `${pct(m)} of the face is blown out (${limit} from ${pct(t)})`,
  LOW_CONTRAST: (m, t, limit) =>
    `Flat contrast: brightness spread ${num(m)} of 255 (${limit} below ${num(t)})`,
  BLURRY: (m, t, limit) =>
    `Soft focus: sharpness ${num(m)} (${limit} below ${num(t)}; sharp photos measure 14–17)`,
  LOW_DETECTION_CONFIDENCE: (m, t, limit) => `The face detector is ${pct(m)} sure (${limit} below ${pct(t)})`,
  MOUTH_OPEN: (m, t, limit) => `Mouth open: lip gap ${pct(m)} of the mouth's width (${limit} from ${pct(t)})`,
  UNEVEN_LIGHTING: (m, t, limit) => `Uneven light: one side ${pct(m)} darker (${limit} from ${pct(t)})`,
  MULTIPLE_FACES: (m, t, limit) =>
    `A second face ${pct(m)} the size of the main one (${limit} from ${pct(t)})`,
  EYES_CLOSED: (m, t, limit) =>
    `Eyes nearly closed: opening ${pct(m)} of eye-to-chin (${limit} below ${pct(t)})`,
  HEAVY_COMPRESSION: (m, t, limit) => `Heavy JPEG compression: measured ${num(m)} (${limit} at ${num(t)})`,
};

const PLAIN: Record<string, string> = {
  FACE_NOT_FOUND: "No face found",
  FACE_OCCLUDED: "Part of the face looks covered",
  FACE_CUT_OFF: "The face is cut off by the photo's edge",
  TIGHT_CROP: "Tight crop: little margin around the face",
  UNSUPPORTED_FORMAT: "Unsupported file format",
  IMAGE_UNREADABLE: "The file could not be read as an image",
  IMAGE_TOO_SMALL: "The photo is very small",
  IMAGE_TOO_LARGE: "The photo has too many pixels",
  FILE_TOO_LARGE: "The file is too large",
};

export function reviewerFinding(issue: MeasuredIssue): string {
  const limit = issue.severity === "reject" ? "refused" : "warning";
  const wording = WORDING[issue.code];
  if (wording && typeof issue.measured === "number" && typeof issue.threshold === "number")
    return wording(issue.measured, issue.threshold, limit);
  return PLAIN[issue.code] ?? issue.code.toLowerCase().replaceAll("_", " ");
}
