import {
  faceWidthPx,
  REFERENCE_PHOTO_PX,
  SHARPNESS_SCALE_MAX,
  thresholdMeaning,
  type ThresholdKey,
} from "./threshold-meaning";

/** A 1080-px-wide photo drawn small, with the smallest face the value lets through. */
function FaceSizeSketch({ eyeDistancePx }: { eyeDistancePx: number }) {
  const share = Math.min(1, faceWidthPx(eyeDistancePx) / REFERENCE_PHOTO_PX);
  return (
    <div
      aria-hidden="true"
      className="relative flex h-12 w-16 shrink-0 items-center justify-center rounded-sm bg-slate-200"
    >
      <div className="aspect-[3/4] rounded-full bg-slate-500" style={{ width: `${share * 100}%` }} />
    </div>
  );
}

/** Where the value sits between lenient (left) and strict (right). */
function Scale({ position, left, right }: { position: number; left: string; right: string }) {
  const clamped = Math.max(0, Math.min(1, position));
  return (
    <div aria-hidden="true" className="w-full max-w-48 shrink-0 text-[11px] text-slate-600">
      <div className="relative h-1.5 rounded-full bg-gradient-to-r from-emerald-200 via-amber-200 to-red-300">
        <div
          className="absolute -top-1 h-3.5 w-1 -translate-x-1/2 rounded-sm bg-slate-800"
          style={{ left: `${clamped * 100}%` }}
        />
      </div>
      <div className="mt-0.5 flex justify-between">
        <span>{left}</span>
        <span>{right}</span>
      </div>
    </div>
  );
}

/**
 * What the value in a threshold field means, updated as it is typed: a sentence in plain units
 * and, where a picture helps, a sketch (face size) or a lenient…strict scale.
 */
export function ThresholdPreview({ id, field, value }: { id: string; field: ThresholdKey; value: number }) {
  const visual =
    field === "faceTooSmallRejectPx" || field === "faceTooSmallWarnPx" ? (
      <FaceSizeSketch eyeDistancePx={value} />
    ) : field === "blurRejectLaplacian" ? (
      <Scale position={value / SHARPNESS_SCALE_MAX} left="lenient" right="strict" />
    ) : field === "darkShareReject" || field === "brightShareReject" ? (
      // A lower share rejects sooner: strict on the right means 1 − share.
      <Scale position={1 - value} left="lenient" right="strict" />
    ) : null;
  return (
    <div className="mt-1 flex flex-wrap items-center gap-3" data-testid={`meaning-${field}`}>
      {visual}
      <p id={id} className="min-w-0 flex-1 text-xs text-slate-600" aria-live="polite">
        {thresholdMeaning(field, value)}
      </p>
    </div>
  );
}
