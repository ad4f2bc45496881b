/** The phone's front camera: opening it (and why it failed), frames for the guide, the photo. */
import type { Pixels } from "@/lib/portrait/exposure";
import type { Oval } from "@/lib/portrait/live-guidance";

export type CameraFailure = "denied" | "noCamera" | "unsupported" | "modelFailed";

export const liveCameraSupported = () =>
  typeof navigator !== "undefined" &&
  typeof navigator.mediaDevices?.getUserMedia === "function" &&
  typeof HTMLCanvasElement !== "undefined" &&
  typeof WebAssembly === "object";

/** The front camera at the best resolution it offers (the ideal is an upper bound, not a demand). */
export async function openFrontCamera(): Promise<MediaStream | CameraFailure> {
  if (!liveCameraSupported()) return "unsupported";
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: "user", width: { ideal: 1920 }, height: { ideal: 1920 } },
    });
  } catch (error) {
    const name = error instanceof DOMException ? error.name : "";
    if (name === "NotAllowedError" || name === "SecurityError") return "denied";
    if (name === "NotFoundError" || name === "OverconstrainedError" || name === "NotReadableError")
      return "noCamera";
    return "unsupported";
  }
}

export const stopCamera = (stream: MediaStream | null) => stream?.getTracks().forEach((t) => t.stop());

/** Long side of the frames the guide analyses (the server detects on ≤ 720 px). */
const FRAME_LONG_SIDE = 480;

/** The oval guide for a frame of this size (frame pixels): upright, a little above the centre. */
export function ovalFor(width: number, height: number): Oval {
  const ry = Math.min(0.4 * height, (0.42 * width) / 0.75);
  return { cx: width / 2, cy: height * 0.47, rx: ry * 0.75, ry };
}

export interface Frame {
  canvas: HTMLCanvasElement;
  pixels: Pixels;
  /** Camera pixels per frame pixel. */
  captureScale: number;
}

/** The current video picture, shrunk for analysis, as a canvas (for the network) and RGB pixels. */
export function grabFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement): Frame | null {
  const vw = video.videoWidth;
  const vh = video.videoHeight;
  if (!vw || !vh) return null;
  const k = Math.min(1, FRAME_LONG_SIDE / Math.max(vw, vh));
  const width = Math.round(vw * k);
  const height = Math.round(vh * k);
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(video, 0, 0, width, height);
  const rgba = context.getImageData(0, 0, width, height).data;
  const data = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    data[j] = rgba[i]!;
    data[j + 1] = rgba[i + 1]!;
    data[j + 2] = rgba[i + 2]!;
  }
  return { canvas, pixels: { data, width, height }, captureScale: vw / width };
}

/**
 * The photo: the full camera picture, not mirrored (the preview is mirrored like a mirror; the
 * photo is what the camera sees, as the server expects), JPEG, long side ≤ 2048 like a chosen photo.
 */
export async function takePhoto(video: HTMLVideoElement): Promise<Blob | null> {
  const vw = video.videoWidth;
  const vh = video.videoHeight;
  if (!vw || !vh) return null;
  const k = Math.min(1, 2048 / Math.max(vw, vh));
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(vw * k);
  canvas.height = Math.round(vh * k);
  canvas.getContext("2d")?.drawImage(video, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.92));
}
