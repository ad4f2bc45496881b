/** Codes in the order of docs/QUALITY.md's table: `primary` is the first reject in this order, else the first warn. */
export const QUALITY_CODES = [
  "FILE_TOO_LARGE",
  "UNSUPPORTED_FORMAT",
  "IMAGE_UNREADABLE",
  "IMAGE_TOO_LARGE",
  "IMAGE_TOO_SMALL",
  "FACE_NOT_FOUND",
  "MULTIPLE_FACES",
  "FACE_OCCLUDED",
  "FACE_CUT_OFF",
  "FACE_TOO_SMALL",
  "HEAD_TILTED",
  "HEAD_TURNED",
  "HEAD_TILTED_UP_DOWN",
  "EYES_CLOSED",
  "TOO_DARK",
  "TOO_BRIGHT",
  "LOW_CONTRAST",
  "BLURRY",
  "LOW_DETECTION_CONFIDENCE",
  "TIGHT_CROP",
  "MOUTH_OPEN",
  "UNEVEN_LIGHTING",
  "HEAVY_COMPRESSION",
] as const;

export type QualityCode = (typeof QUALITY_CODES)[number];
export type Severity = "reject" | "warn";

export interface QualityIssue {
  code: QualityCode;
  severity: Severity;
  message: string;
  messageJa: string;
  measured?: number;
  threshold?: number;
  /** 0–100, OFIQ-style where defined. */
  score?: number;
}

/** One sentence each: what is wrong and how to fix it, in the tone of a capture SDK. */
const MESSAGES: Record<QualityCode, { en: string; ja: string; warnEn?: string; warnJa?: string }> = {
  FILE_TOO_LARGE: {
    en: "This file is too large. Send a photo under 15 MB.",
    ja: "ファイルが大きすぎます。15MB未満の写真を送ってください。",
  },
  UNSUPPORTED_FORMAT: {
    en: "This file type is not supported. Send a JPEG, PNG, WebP or AVIF photo.",
    ja: "このファイル形式には対応していません。JPEG・PNG・WebP・AVIFの写真を送ってください。",
  },
  IMAGE_UNREADABLE: {
    en: "This photo could not be read. Take or choose the photo again.",
    ja: "写真を読み込めませんでした。もう一度撮影するか、写真を選び直してください。",
  },
  IMAGE_TOO_LARGE: {
    en: "This image has too many pixels. Send a normal camera photo.",
    ja: "画像の画素数が多すぎます。通常のカメラ写真を送ってください。",
  },
  IMAGE_TOO_SMALL: {
    en: "This photo is too small. Send a photo at least 200 pixels on each side.",
    ja: "写真が小さすぎます。縦横200ピクセル以上の写真を送ってください。",
  },
  FACE_NOT_FOUND: {
    en: "No face was found. Look straight at the camera with your whole face in the photo.",
    ja: "顔が見つかりません。顔全体が写るように、カメラをまっすぐ見てください。",
  },
  MULTIPLE_FACES: {
    en: "Only your face should be in the photo.",
    ja: "写真にはあなたの顔だけが写るようにしてください。",
    warnEn: "Another face is visible. Only your face should be in the photo.",
    warnJa: "他の人の顔が写っています。写真にはあなたの顔だけが写るようにしてください。",
  },
  FACE_CUT_OFF: {
    en: "Part of your face is outside the photo. Move back so your whole face fits.",
    ja: "顔の一部が写真からはみ出しています。少し離れて顔全体が入るようにしてください。",
  },
  FACE_OCCLUDED: {
    en: "Part of your face is covered. Remove anything in front of your face.",
    ja: "顔の一部が隠れています。顔の前にあるものを外してください。",
  },
  FACE_TOO_SMALL: {
    en: "Your face is too small. Move closer.",
    ja: "顔が小さすぎます。もっと近づいてください。",
    warnEn: "Your face is small in the photo. Move closer for a better match.",
    warnJa: "顔が小さく写っています。もっと近づくと照合しやすくなります。",
  },
  HEAD_TILTED: {
    en: "The photo is sideways. Rotate your photo so your face is upright.",
    ja: "写真が横向きです。顔がまっすぐになるように写真を回転してください。",
  },
  HEAD_TURNED: {
    en: "Your head is turned. Hold still and look straight ahead.",
    ja: "顔が横を向いています。動かずに正面をまっすぐ見てください。",
    warnEn: "Your head is slightly turned. Look straight ahead.",
    warnJa: "顔が少し横を向いています。正面を見てください。",
  },
  HEAD_TILTED_UP_DOWN: {
    en: "Your head is tilted up or down. Hold the camera at eye level and look straight ahead.",
    ja: "顔が上または下を向いています。カメラを目の高さに構えて、正面を見てください。",
  },
  EYES_CLOSED: {
    en: "Your eyes look closed. Keep your eyes open.",
    ja: "目を閉じているようです。目を開けてください。",
  },
  TOO_DARK: {
    en: "The photo is too dark. Move to a brighter area.",
    ja: "写真が暗すぎます。明るい場所に移動してください。",
    warnEn: "The photo is a little dark. Move to a brighter area.",
    warnJa: "写真が少し暗いです。明るい場所に移動してください。",
  },
  TOO_BRIGHT: {
    en: "The photo is too bright. Move away from direct light.",
    ja: "写真が明るすぎます。強い光の当たらない場所に移動してください。",
    warnEn: "Parts of your face are overexposed. Avoid direct light.",
    warnJa: "顔の一部が白飛びしています。強い光を避けてください。",
  },
  LOW_CONTRAST: {
    en: "The photo looks washed out. Move to evenly lit area.",
    ja: "写真のコントラストが低いです。均一に明るい場所で撮影してください。",
  },
  BLURRY: {
    en: "The photo is blurry. Hold still and make sure the camera is in focus.",
    ja: "写真がぼやけています。カメラを動かさず、ピントを合わせてください。",
    warnEn: "The photo is slightly blurry. Hold still while taking it.",
    warnJa: "写真が少しぼやけています。撮影中は動かないでください。",
  },
  LOW_DETECTION_CONFIDENCE: {
    en: "Your face is hard to see. Remove anything covering it and look straight ahead.",
    ja: "顔が見えにくいです。顔を覆うものを外し、正面を見てください。",
  },
  TIGHT_CROP: {
    en: "Your face fills the whole photo. Move back a little.",
    ja: "顔が写真いっぱいに写っています。少し離れてください。",
  },
  MOUTH_OPEN: { en: "Your mouth is open. Close your mouth.", ja: "口が開いています。口を閉じてください。" },
  UNEVEN_LIGHTING: {
    en: "One side of your face is in shadow. Face the light.",
    ja: "顔の片側が影になっています。光の方を向いてください。",
  },
  HEAVY_COMPRESSION: {
    en: "The photo is heavily compressed. Send the original photo.",
    ja: "写真の圧縮が強すぎます。元の写真を送ってください。",
  },
};

export function issue(
  code: QualityCode,
  severity: Severity,
  extra: { measured?: number; threshold?: number; score?: number } = {},
): QualityIssue {
  const m = MESSAGES[code];
  const warn = severity === "warn";
  const out: QualityIssue = {
    code,
    severity,
    message: (warn && m.warnEn) || m.en,
    messageJa: (warn && m.warnJa) || m.ja,
  };
  if (extra.measured !== undefined) out.measured = round(extra.measured);
  if (extra.threshold !== undefined) out.threshold = extra.threshold;
  if (extra.score !== undefined) out.score = Math.round(extra.score);
  return out;
}

/** What covers the face: the message names it. */
export type OccludedPart = "eyes" | "nose-mouth" | "both";

const OCCLUDED: Record<OccludedPart, { en: string; ja: string }> = {
  eyes: {
    en: "Your eyes are covered. Take off sunglasses and keep hair and hands away from your eyes.",
    ja: "目が隠れています。サングラスを外し、髪や手が目にかからないようにしてください。",
  },
  "nose-mouth": {
    en: "Your nose and mouth are covered. Take off your mask so your whole face can be seen.",
    ja: "鼻と口が隠れています。マスクを外して、顔全体が見えるようにしてください。",
  },
  both: {
    en: "Your eyes, nose and mouth are covered. Take off sunglasses and masks so your whole face can be seen.",
    ja: "目・鼻・口が隠れています。サングラスやマスクを外して、顔全体が見えるようにしてください。",
  },
};

/** FACE_OCCLUDED (reject) naming what is covered. */
export function occludedIssue(
  part: OccludedPart,
  extra: { measured?: number; threshold?: number } = {},
): QualityIssue {
  return {
    ...issue("FACE_OCCLUDED", "reject", extra),
    message: OCCLUDED[part].en,
    messageJa: OCCLUDED[part].ja,
  };
}

export function withHeicHint(i: QualityIssue): QualityIssue {
  return {
    ...i,
    message:
      "HEIC photos are not supported. Send a JPEG (on iPhone: Settings › Camera › Formats › Most Compatible).",
    messageJa:
      "HEIC形式の写真には対応していません。JPEGで送ってください（iPhone：設定 › カメラ › フォーマット › 互換性優先）。",
  };
}

/** Issues sorted into table order (stable), and the one message to show. */
export function orderIssues(issues: QualityIssue[]): {
  issues: QualityIssue[];
  primary: QualityIssue | null;
} {
  const rank = (c: QualityCode) => QUALITY_CODES.indexOf(c);
  const sorted = [...issues].sort((a, b) => rank(a.code) - rank(b.code));
  const primary =
    sorted.find((i) => i.severity === "reject") ?? sorted.find((i) => i.severity === "warn") ?? null;
  return { issues: sorted, primary };
}

export const round = (v: number, digits = 4) => Number(v.toFixed(digits));
