"use client";

import { useEffect, useRef, useState } from "react";
import { captureMessages } from "@/lib/i18n/capture";
import type { Locale } from "@/lib/i18n/upload";
import { liveHints, type LiveHint } from "@/lib/portrait/live-guidance";
import type { QualityThresholds } from "@/lib/portrait/thresholds";
import {
  grabFrame,
  openFrontCamera,
  ovalFor,
  stopCamera,
  takePhoto,
  type CameraFailure,
} from "./camera-stream";
import { loadFaceEngine } from "./face-engine";

/** Auto-capture once the face has been right this long, over at least this many checks. */
const HOLD_MS = 900;
const HOLD_CHECKS = 3;

const buttonBase = "flex w-full items-center justify-center rounded-lg px-4 py-3 text-base font-medium";

/**
 * The camera in the page with an oval guide: the face engine checks the picture several times a
 * second with the server's criteria, says what to change (one hint at a time, also to screen
 * readers), and takes the photo itself once the face has been right for a moment. Frames stay on
 * the phone; only the photo handed to `onCapture` is ever sent.
 */
export function LiveCamera({
  locale,
  thresholds,
  onCapture,
  onUnavailable,
  onCancel,
}: {
  locale: Locale;
  thresholds: QualityThresholds;
  onCapture: (photo: Blob, how: "auto" | "manual") => void;
  onUnavailable: (why: CameraFailure) => void;
  onCancel: () => void;
}) {
  const m = captureMessages[locale];
  const video = useRef<HTMLVideoElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [live, setLive] = useState(false);
  const [guiding, setGuiding] = useState(false);
  const [backend, setBackend] = useState("");
  // undefined: no check yet; null: all good, hold still.
  const [hint, setHint] = useState<LiveHint | null | undefined>(undefined);
  const [size, setSize] = useState({ width: 4, height: 3 });
  const shooting = useRef(false);
  const handlers = useRef({ onCapture, onUnavailable });
  useEffect(() => {
    handlers.current = { onCapture, onUnavailable };
  });

  async function shoot(how: "auto" | "manual") {
    const v = video.current;
    if (!v || shooting.current) return;
    shooting.current = true;
    const photo = await takePhoto(v);
    if (photo) handlers.current.onCapture(photo, how);
    else shooting.current = false;
  }

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    const run = async () => {
      // The engine starts (or goes on) loading while the camera opens: both take a while.
      const loadingEngine = loadFaceEngine();
      loadingEngine.catch(() => {});
      const opened = await openFrontCamera();
      if (typeof opened === "string") return stopped || handlers.current.onUnavailable(opened);
      stream = opened;
      const v = video.current;
      if (stopped || !v) return stopCamera(stream);
      v.srcObject = stream;
      await v.play().catch(() => {});
      setSize({ width: v.videoWidth || 4, height: v.videoHeight || 3 });
      setLive(true);
      performance.mark("capture:camera-live");
      const engine = await loadingEngine.catch(() => null);
      performance.mark("capture:engine-ready");
      if (stopped) return;
      if (!engine) return handlers.current.onUnavailable("modelFailed");
      setGuiding(true);
      setBackend(engine.backend);
      const canvas = document.createElement("canvas");
      let checks = 0;
      let goodSince: number | null = null;
      let goodChecks = 0;
      let previous: LiveHint | null | undefined;
      const spent = { detect: 0, guide: 0 };
      while (!stopped && !shooting.current) {
        const frame = grabFrame(v, canvas);
        if (!frame) {
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        const t0 = performance.now();
        const faces = await engine.detect(frame.canvas);
        if (stopped || shooting.current) break;
        const t1 = performance.now();
        const { width, height } = frame.pixels;
        const found = liveHints(
          { pixels: frame.pixels, faces, oval: ovalFor(width, height), captureScale: frame.captureScale },
          thresholds,
        ).hint;
        spent.detect += t1 - t0;
        spent.guide += performance.now() - t1;
        if (++checks === 1) performance.mark("capture:first-hint");
        if (box.current) {
          box.current.dataset.checks = String(checks);
          // Where a check's time goes (the bench reads these).
          box.current.dataset.detectMs = (spent.detect / checks).toFixed(1);
          box.current.dataset.guideMs = (spent.guide / checks).toFixed(1);
        }
        // A hint is shown (and announced) once two checks in a row agree: no flicker at a boundary.
        if (found === previous || checks === 1) setHint(found);
        previous = found;
        if (found !== null) {
          goodSince = null;
          goodChecks = 0;
        } else {
          goodSince ??= performance.now();
          if (++goodChecks >= HOLD_CHECKS && performance.now() - goodSince >= HOLD_MS) {
            await shoot("auto");
            break;
          }
        }
        // Let the page paint and take input between checks.
        await new Promise((r) => setTimeout(r, 0));
      }
    };
    run().catch(() => stopped || handlers.current.onUnavailable("modelFailed"));
    return () => {
      stopped = true;
      stopCamera(stream);
    };
    // The camera opens once per mount; thresholds are fixed for the page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const good = guiding && hint === null;
  const oval = ovalFor(size.width, size.height);
  const status = !live
    ? m.starting
    : !guiding
      ? m.loadingGuide
      : hint === undefined
        ? m.loadingGuide
        : hint === null
          ? m.holdStill
          : m.hints[hint];

  return (
    <div
      ref={box}
      className="space-y-3"
      data-testid="live-camera"
      data-state={good ? "good" : hint ? "hint" : "waiting"}
      data-hint={hint ?? ""}
      data-backend={backend}
    >
      <div
        role="group"
        aria-label={m.cameraLabel}
        className="relative overflow-hidden rounded-lg bg-slate-900"
      >
        <video
          ref={video}
          playsInline
          muted
          aria-hidden
          className="block w-full -scale-x-100"
          style={{ aspectRatio: `${size.width} / ${size.height}` }}
        />
        <svg
          aria-hidden
          viewBox={`0 0 ${size.width} ${size.height}`}
          preserveAspectRatio="none"
          className="pointer-events-none absolute inset-0 h-full w-full"
        >
          <defs>
            <mask id="oval-cut">
              <rect width="100%" height="100%" fill="white" />
              <ellipse cx={oval.cx} cy={oval.cy} rx={oval.rx} ry={oval.ry} fill="black" />
            </mask>
          </defs>
          <rect width="100%" height="100%" fill="rgba(15,23,42,0.45)" mask="url(#oval-cut)" />
          <ellipse
            cx={oval.cx}
            cy={oval.cy}
            rx={oval.rx}
            ry={oval.ry}
            fill="none"
            stroke={good ? "#16a34a" : "#ffffff"}
            strokeWidth={Math.max(2, size.width / 160)}
            strokeDasharray={good ? undefined : `${size.width / 40} ${size.width / 80}`}
          />
        </svg>
      </div>
      {/* The one hint, in words (never only the oval's colour), announced when it changes. */}
      <p
        role="status"
        aria-live="polite"
        data-testid="capture-hint"
        className={`flex min-h-12 items-center gap-2 rounded-lg px-3 py-2 text-base font-medium ring-1 ${good ? "bg-green-50 text-green-900 ring-green-300" : "bg-white text-slate-900 ring-slate-300"}`}
      >
        <span aria-hidden className="text-lg">
          {good ? "✓" : hint ? "!" : "…"}
        </span>
        {status}
      </p>
      <div className="grid grid-cols-2 gap-3">
        <button
          type="button"
          disabled={!live}
          onClick={() => void shoot("manual")}
          className={`${buttonBase} bg-brand-600 text-white disabled:opacity-60`}
        >
          {m.shutter}
        </button>
        <button
          type="button"
          onClick={onCancel}
          className={`${buttonBase} bg-white text-slate-800 ring-1 ring-slate-300`}
        >
          {m.close}
        </button>
      </div>
    </div>
  );
}
