import { z } from "zod";
import type { MailLocale } from "@/lib/mail/messages";
import { text } from "@/lib/validation/text";

/**
 * Why an upload was rejected, in words for the person (Japanese and English) and for the console.
 * A fixed list, so the person always reads a proper sentence in their own language; the reviewer
 * can add a note of their own, which is sent as written.
 */
export const REJECTION_REASONS = {
  NOT_THE_PERSON: {
    label: "Not this person",
    en: "The photo does not appear to show you.",
    ja: "写真がご本人のものではないようです。",
  },
  FACE_NOT_CLEAR: {
    label: "Face not clear",
    en: "Your face is not clearly visible. Face the camera in good, even light.",
    ja: "お顔がはっきり写っていません。明るく均一な光の下で、カメラに正対して撮影してください。",
  },
  FACE_COVERED: {
    label: "Face covered",
    en: "Part of your face is covered (sunglasses, mask, hat or hair). Please show your whole face.",
    ja: "お顔の一部が隠れています（サングラス・マスク・帽子・髪など）。顔全体が見えるように撮影してください。",
  },
  OTHER_PEOPLE: {
    label: "Other people in the photo",
    en: "Other people are in the photo. Only you should be in it.",
    ja: "他の人が写っています。ご本人だけが写るように撮影してください。",
  },
  NOT_A_LIVE_PHOTO: {
    label: "Photo of a photo or screen",
    en: "This is a picture of a screen, a printout or an ID card. Please take a photo of yourself.",
    ja: "画面・印刷物・身分証などを撮影した写真です。ご本人を直接撮影してください。",
  },
  OUTDATED: {
    label: "Photo looks old",
    en: "The photo looks old. Please send a recent one.",
    ja: "古い写真のようです。最近の写真を送ってください。",
  },
  OTHER: {
    label: "Other (explain in the note)",
    en: "Your photo could not be accepted.",
    ja: "お送りいただいた写真は受け付けられませんでした。",
  },
} as const satisfies Record<string, { label: string; en: string; ja: string }>;

export type RejectionReason = keyof typeof REJECTION_REASONS;
export const REJECTION_REASON_CODES = Object.keys(REJECTION_REASONS) as [
  RejectionReason,
  ...RejectionReason[],
];
export const rejectionReasonSchema = z.enum(REJECTION_REASON_CODES);

/** The reviewer's own words kept with a decision: the console and the REST API take the same. */
export const REVIEWER_NOTE_MAX = 500;
export const reviewerNoteSchema = text()
  .trim()
  .max(REVIEWER_NOTE_MAX, `Use at most ${REVIEWER_NOTE_MAX} characters.`);

export function rejectionReasonText(code: string, locale: MailLocale): string {
  const reason = REJECTION_REASONS[code as RejectionReason] ?? REJECTION_REASONS.OTHER;
  return reason[locale];
}
