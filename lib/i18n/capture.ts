import type { LiveHint } from "@/lib/portrait/live-guidance";
import type { Locale } from "./upload";

/** The live camera's words: one plain instruction per hint, in the tone of a capture SDK. */
export const captureMessages: Record<
  Locale,
  {
    hints: Record<LiveHint, string>;
    holdStill: string;
    starting: string;
    loadingGuide: string;
    cameraLabel: string;
    shutter: string;
    retake: string;
    close: string;
    captured: string;
    fallback: { denied: string; noCamera: string; unsupported: string; modelFailed: string };
  }
> = {
  en: {
    hints: {
      NO_FACE: "Put your face in the oval",
      MULTIPLE_FACES: "Only your face should be in the picture",
      TOO_DARK: "Too dark — move to a brighter area",
      TOO_BRIGHT: "Too bright — move away from direct light",
      OUT_OF_OVAL: "Move your face into the oval",
      MOVE_CLOSER: "Move closer",
      MOVE_BACK: "Move back a little",
      HEAD_TILTED: "Hold your head upright",
      HEAD_TURNED: "Look straight at the camera",
      HEAD_TILTED_UP_DOWN: "Hold the phone at eye level",
      EYES_CLOSED: "Keep your eyes open",
      EYES_COVERED: "Take off sunglasses and keep your eyes uncovered",
      MOUTH_COVERED: "Take off your mask",
      BLURRY: "Hold the phone still",
    },
    holdStill: "Hold still…",
    starting: "Starting the camera…",
    loadingGuide: "Getting the guide ready… You can already take the photo yourself.",
    cameraLabel: "Camera view. Keep your face inside the oval.",
    shutter: "Take photo now",
    retake: "Retake",
    close: "Use the other options",
    captured: "Photo taken. Check it, then upload it or take it again.",
    fallback: {
      denied: "The camera could not be used (permission was refused). Take or choose a photo instead.",
      noCamera: "No camera was found. Take or choose a photo instead.",
      unsupported: "This browser cannot show the camera here. Take or choose a photo instead.",
      modelFailed: "The photo guide could not be loaded. Take or choose a photo instead.",
    },
  },
  ja: {
    hints: {
      NO_FACE: "顔を楕円の中に入れてください",
      MULTIPLE_FACES: "あなたの顔だけが写るようにしてください",
      TOO_DARK: "暗すぎます。明るい場所に移動してください",
      TOO_BRIGHT: "明るすぎます。強い光を避けてください",
      OUT_OF_OVAL: "顔を楕円の中に移動してください",
      MOVE_CLOSER: "もっと近づいてください",
      MOVE_BACK: "少し離れてください",
      HEAD_TILTED: "頭をまっすぐにしてください",
      HEAD_TURNED: "カメラをまっすぐ見てください",
      HEAD_TILTED_UP_DOWN: "スマートフォンを目の高さに構えてください",
      EYES_CLOSED: "目を開けてください",
      EYES_COVERED: "サングラスを外し、目が見えるようにしてください",
      MOUTH_COVERED: "マスクを外してください",
      BLURRY: "スマートフォンを動かさないでください",
    },
    holdStill: "そのまま動かないでください…",
    starting: "カメラを起動しています…",
    loadingGuide: "ガイドを準備しています…自分で撮影することもできます。",
    cameraLabel: "カメラの映像。顔を楕円の中に入れてください。",
    shutter: "今すぐ撮影",
    retake: "撮り直す",
    close: "ほかの方法を使う",
    captured: "撮影しました。確認して、アップロードするか撮り直してください。",
    fallback: {
      denied: "カメラを使用できませんでした（許可されていません）。写真を撮るか選んでください。",
      noCamera: "カメラが見つかりません。写真を撮るか選んでください。",
      unsupported: "このブラウザではカメラを表示できません。写真を撮るか選んでください。",
      modelFailed: "撮影ガイドを読み込めませんでした。写真を撮るか選んでください。",
    },
  },
};
