export type Locale = "en" | "ja";

/** Request header with the page's language, set by proxy.ts for the person's pages. */
export const PAGE_LOCALE_HEADER = "x-page-locale";

/** The page's language from PAGE_LOCALE_HEADER; English for every other page. */
export const pageLocale = (value: string | null): Locale => (value === "ja" ? "ja" : "en");

/** Picks Japanese when the browser prefers it over English, else English. */
export function pickLocale(acceptLanguage: string | null): Locale {
  if (!acceptLanguage) return "en";
  const ranked = acceptLanguage
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.split("=")[1] ?? 1);
      return { tag: tag ?? "", q: Number.isFinite(q) ? q : 0 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith("ja")) return "ja";
    if (tag.startsWith("en")) return "en";
  }
  return "en";
}

export const uploadMessages = {
  en: {
    title: "Register your photo",
    intro: (org: string) => `${org} asks you for a portrait photo. It will be used to recognise you.`,
    reviewed: (org: string) => `Someone at ${org} will check your photo before it is used.`,
    tipsTitle: "For a good photo",
    tips: [
      "Stand in good, even light",
      "Face the camera and look straight ahead",
      "Only your face should be in the photo",
      "No sunglasses, mask or hat",
    ],
    takePhoto: "Take photo",
    choosePhoto: "Choose photo",
    chooseAnother: "Choose another photo",
    upload: "Upload",
    uploading: "Uploading…",
    checking: "Checking your photo…",
    previewAlt: "Your selected photo",
    doneTitle: "Thank you!",
    doneUpdated: "Your photo has been registered. You can close this page.",
    donePending: "Your photo has been received and will be reviewed. You can close this page.",
    invalidTitle: "This link is no longer valid",
    invalidBody: "Ask your administrator for a new link.",
    tryAgain: "Try again",
    offline: "The connection was lost. Check your connection and try again.",
    busy: "We are busy right now. Please try again in a moment.",
    busyRetrying: (seconds: number) =>
      `We are busy right now — retrying by itself in ${seconds} s. Keep this page open.`,
    tooManyAttempts: "Too many attempts. Wait a minute and try again.",
    genericError: "Something went wrong. Please try again.",
    fixTitle: "Please take another photo",
    privacy: "Your photo is sent securely and used only for this registration.",
  },
  ja: {
    title: "顔写真の登録",
    intro: (org: string) => `${org} から顔写真の登録を依頼されています。本人確認の顔認識に使用されます。`,
    reviewed: (org: string) => `写真は ${org} の担当者が確認してから使用されます。`,
    tipsTitle: "きれいに撮るために",
    tips: [
      "明るく均一な光の当たる場所で",
      "カメラに正対し、まっすぐ見てください",
      "写真にはあなたの顔だけが写るように",
      "サングラス・マスク・帽子は外してください",
    ],
    takePhoto: "写真を撮る",
    choosePhoto: "写真を選ぶ",
    chooseAnother: "別の写真を選ぶ",
    upload: "アップロード",
    uploading: "アップロード中…",
    checking: "写真を確認しています…",
    previewAlt: "選択した写真",
    doneTitle: "ありがとうございました",
    doneUpdated: "顔写真が登録されました。このページは閉じてかまいません。",
    donePending: "顔写真を受け付けました。担当者が確認します。このページは閉じてかまいません。",
    invalidTitle: "このリンクは無効です",
    invalidBody: "管理者に新しいリンクを依頼してください。",
    tryAgain: "もう一度試す",
    offline: "通信が切断されました。接続を確認して、もう一度お試しください。",
    busy: "現在混み合っています。しばらくしてからもう一度お試しください。",
    busyRetrying: (seconds: number) =>
      `現在混み合っています。${seconds}秒後に自動で再試行します。このページを開いたままにしてください。`,
    tooManyAttempts: "試行回数が多すぎます。1分ほど待ってからもう一度お試しください。",
    genericError: "問題が発生しました。もう一度お試しください。",
    fixTitle: "写真を撮り直してください",
    privacy: "写真は安全に送信され、この登録のためだけに使用されます。",
  },
} as const;
