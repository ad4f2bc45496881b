"use client";

import { useEffect, useRef, useState } from "react";
import { captureMessages } from "@/lib/i18n/capture";
import { uploadMessages, type Locale } from "@/lib/i18n/upload";
import type { QualityThresholds } from "@/lib/portrait/thresholds";
import { liveCameraSupported } from "./camera-stream";
import { loadFaceEngine } from "./face-engine";
import { InvalidLink } from "./invalid-link";
import { LiveCamera } from "./live-camera";
import { resizeForUpload } from "./resize";
import { newUploadId, sendPhoto, type SendResult } from "./send";

type Phase =
  | { name: "idle" }
  | { name: "camera" }
  | { name: "selected" }
  | { name: "uploading"; progress: number }
  | { name: "checking" }
  | { name: "retrying"; inSeconds: number }
  | { name: "failed"; message: string; retrySame: boolean }
  | { name: "done"; status: "updated" | "pending_approval" }
  | { name: "invalid" };

/** Busy server: try again by itself this many times, waiting Retry-After (growing, with jitter). */
const BUSY_RETRIES = 6;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const buttonBase = "flex w-full items-center justify-center rounded-lg px-4 py-3 text-base font-medium";

export function UploadFlow({
  token,
  locale,
  thresholds,
}: {
  token: string;
  locale: Locale;
  /** The organization's quality thresholds: the live guide applies what the server will. */
  thresholds: QualityThresholds;
}) {
  const t = uploadMessages[locale];
  const c = captureMessages[locale];
  const [phase, setPhase] = useState<Phase>({ name: "idle" });
  const [photo, setPhoto] = useState<Blob | null>(null);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const cameraInput = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const attempt = useRef(0);
  // One id for everything this page sends: a retry of a photo that did arrive is recognised.
  const uploadId = useRef<string | null>(null);
  // Why the live camera is not offered (refused, missing, failed): "Take photo" then opens the
  // phone's own camera, as before.
  const [cameraNotice, setCameraNotice] = useState<string | null>(null);
  // The photo on show was taken by the live camera: "Take photo" reads "Retake".
  const [captured, setCaptured] = useState(false);
  const busy = phase.name === "uploading" || phase.name === "checking" || phase.name === "retrying";

  useEffect(() => () => void (previewUrl && URL.revokeObjectURL(previewUrl)), [previewUrl]);

  // The face guide loads once the page is usable, so the camera view rarely waits for it.
  useEffect(() => {
    if (!liveCameraSupported()) return;
    const load = () => void loadFaceEngine().catch(() => {});
    if (typeof requestIdleCallback === "function") {
      const id = requestIdleCallback(load, { timeout: 2000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(load, 500);
    return () => clearTimeout(id);
  }, []);

  async function onFile(file: File | undefined) {
    if (!file || busy) return;
    const selection = ++attempt.current;
    setPreviewUrl(URL.createObjectURL(file));
    setPhase({ name: "selected" });
    setCaptured(false);
    setPhoto(null);
    const resized = await resizeForUpload(file);
    if (attempt.current === selection) setPhoto(resized);
  }

  function takePhoto() {
    if (cameraNotice === null && liveCameraSupported()) {
      ++attempt.current;
      setPhase({ name: "camera" });
    } else cameraInput.current?.click();
  }

  function onCaptured(taken: Blob) {
    ++attempt.current;
    setPreviewUrl(URL.createObjectURL(taken));
    setPhoto(taken);
    setCaptured(true);
    setPhase({ name: "selected" });
  }

  function messageFor(result: Exclude<SendResult, { kind: "ok" } | { kind: "invalid" }>): string {
    switch (result.kind) {
      case "offline":
        return t.offline;
      case "busy":
        return t.busy;
      case "rate-limited":
        return t.tooManyAttempts;
      case "rejected":
        return (locale === "ja" ? result.messageJa : result.message) || t.genericError;
    }
  }

  async function upload() {
    if (!photo || busy) return;
    const current = ++attempt.current;
    uploadId.current ??= newUploadId();
    let result: SendResult;
    for (let retry = 0; ; retry++) {
      setPhase({ name: "uploading", progress: 0 });
      result = await sendPhoto(token, photo, uploadId.current, (fraction) => {
        if (attempt.current === current)
          setPhase(fraction >= 1 ? { name: "checking" } : { name: "uploading", progress: fraction });
      });
      // Only the latest attempt may change what the person sees.
      if (attempt.current !== current) return;
      if (result.kind !== "busy" || retry >= BUSY_RETRIES) break;
      // The server sheds load with 503 + Retry-After: wait that long (longer each time, with jitter
      // so phones don't come back in step) and try again without asking the person.
      const waitMs = result.retryAfterSeconds * 1000 * 1.5 ** retry * (0.8 + Math.random() * 0.4);
      setPhase({ name: "retrying", inSeconds: Math.ceil(waitMs / 1000) });
      await sleep(waitMs);
      if (attempt.current !== current) return;
    }
    if (result.kind === "ok") setPhase({ name: "done", status: result.status });
    else if (result.kind === "invalid") setPhase({ name: "invalid" });
    else setPhase({ name: "failed", message: messageFor(result), retrySame: result.kind !== "rejected" });
  }

  if (phase.name === "invalid") return <InvalidLink locale={locale} />;
  if (phase.name === "done") {
    return (
      <div
        role="status"
        className="mt-8 rounded-lg bg-green-50 p-6 text-center ring-1 ring-green-200"
        data-testid="upload-done"
      >
        <svg
          aria-hidden
          viewBox="0 0 24 24"
          width="36"
          height="36"
          className="mx-auto text-green-700"
          fill="none"
          stroke="currentColor"
          strokeWidth="2.5"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M5 12l5 5L19 7" />
        </svg>
        <h2 className="mt-2 text-xl font-semibold text-green-900">{t.doneTitle}</h2>
        <p className="mt-1 text-green-900">
          {phase.status === "pending_approval" ? t.donePending : t.doneUpdated}
        </p>
      </div>
    );
  }

  if (phase.name === "camera")
    return (
      <div className="mt-6">
        <LiveCamera
          locale={locale}
          thresholds={thresholds}
          onCapture={onCaptured}
          onUnavailable={(why) => {
            setCameraNotice(c.fallback[why]);
            setPhase({ name: "idle" });
          }}
          onCancel={() => setPhase({ name: "idle" })}
        />
      </div>
    );

  return (
    <div className="mt-6 space-y-4">
      {cameraNotice && (
        <p
          role="status"
          data-testid="camera-fallback"
          className="rounded-lg bg-slate-100 p-3 text-sm text-slate-800"
        >
          {cameraNotice}
        </p>
      )}
      <input
        ref={cameraInput}
        type="file"
        accept="image/*"
        capture="user"
        className="sr-only"
        tabIndex={-1}
        aria-hidden
        onChange={(e) => onFile(e.target.files?.[0])}
      />
      <input
        ref={fileInput}
        type="file"
        // What the server reads, and no HEIC (it cannot): Safari on a Mac then hands over a HEIC photo
        // as a JPEG; iPhones always do. A HEIC picked anyway is refused with what to do.
        accept="image/jpeg,image/png,image/webp,image/avif"
        className="sr-only"
        data-testid="choose-photo-input"
        tabIndex={-1}
        aria-hidden
        onChange={(e) => onFile(e.target.files?.[0])}
      />

      {previewUrl && (
        // eslint-disable-next-line @next/next/no-img-element -- a local blob preview
        <img
          src={previewUrl}
          alt={t.previewAlt}
          className="mx-auto max-h-80 rounded-lg object-contain shadow"
        />
      )}
      {captured && phase.name === "selected" && (
        <p role="status" className="text-center text-sm text-slate-700">
          {c.captured}
        </p>
      )}

      {phase.name === "failed" && (
        <div role="alert" className="rounded-lg bg-amber-50 p-4 text-amber-900 ring-1 ring-amber-200">
          {!phase.retrySame && <p className="font-semibold">{t.fixTitle}</p>}
          <p>{phase.message}</p>
        </div>
      )}

      {busy && (
        <div>
          <p className="text-sm text-slate-700" aria-live="polite">
            {phase.name === "retrying"
              ? t.busyRetrying(phase.inSeconds)
              : phase.name === "checking"
                ? t.checking
                : t.uploading}
          </p>
          <div
            role="progressbar"
            aria-label={t.uploading}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={phase.name === "uploading" ? Math.round(phase.progress * 100) : 100}
            data-testid={phase.name === "retrying" ? "upload-retrying" : undefined}
            className="mt-1 h-2 overflow-hidden rounded-full bg-slate-200"
          >
            <div
              className={`h-full bg-brand-600 transition-all ${phase.name === "checking" ? "animate-pulse" : ""}`}
              style={{ width: `${phase.name === "uploading" ? Math.round(phase.progress * 100) : 100}%` }}
            />
          </div>
        </div>
      )}

      {(phase.name === "selected" || (phase.name === "failed" && phase.retrySame)) && (
        <button
          type="button"
          disabled={!photo}
          onClick={upload}
          className={`${buttonBase} bg-brand-600 text-white disabled:opacity-60`}
        >
          {phase.name === "failed" ? t.tryAgain : t.upload}
        </button>
      )}

      {!busy && (
        <div className="grid grid-cols-2 gap-3">
          <button
            type="button"
            onClick={takePhoto}
            className={`${buttonBase} ${phase.name === "idle" ? "bg-brand-600 text-white" : "bg-white text-slate-800 ring-1 ring-slate-300"}`}
          >
            {captured ? c.retake : t.takePhoto}
          </button>
          <button
            type="button"
            onClick={() => fileInput.current?.click()}
            className={`${buttonBase} bg-white text-slate-800 ring-1 ring-slate-300`}
          >
            {phase.name === "idle" ? t.choosePhoto : t.chooseAnother}
          </button>
        </div>
      )}
    </div>
  );
}
