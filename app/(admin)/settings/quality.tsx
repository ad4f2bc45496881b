"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { saveQualityThresholdsAction } from "./actions";
import { ThresholdPreview } from "./threshold-preview";

/**
 * The thresholds people most often tune; the rest keep their defaults. Values are stored and
 * validated as the quality check uses them (pixels between the eyes, 0–1 shares); the preview
 * under each field says what the value means in plain units.
 */
export const TUNABLE = [
  { key: "faceTooSmallRejectPx", label: "Smallest face accepted (pixels between the eyes)" },
  { key: "faceTooSmallWarnPx", label: "Smallest face without a warning (pixels between the eyes)" },
  { key: "yawRejectDeg", label: "Reject heads turned more than (°)" },
  { key: "yawWarnDeg", label: "Warn when heads are turned more than (°)" },
  { key: "darkShareReject", label: "Too dark: share of the face nearly black (0–1, e.g. 0.6 = 60 %)" },
  { key: "brightShareReject", label: "Too bright: share of the face washed out (0–1, e.g. 0.5 = 50 %)" },
  { key: "blurRejectLaplacian", label: "Sharpness required (lower is more lenient)" },
  { key: "minShortSidePx", label: "Smallest photo accepted (pixels on the short side)" },
] as const;

/** The value the preview explains: what is typed when it is a number, else what applies now. */
function effective(typed: string | undefined, saved: number | undefined, fallback: number): number {
  const n = typed === undefined || typed.trim() === "" ? NaN : Number(typed);
  return Number.isFinite(n) && n >= 0 ? n : (saved ?? fallback);
}

export function QualitySection({
  defaults,
  overrides,
}: {
  defaults: Record<string, number>;
  overrides: Record<string, number>;
}) {
  const [state, action, pending] = useActionState(saveQualityThresholdsAction, undefined);
  const [typed, setTyped] = useState<Record<string, string>>({});
  return (
    <form action={action} className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <FormMessage message={state?.message} ok={state?.ok} />
      <div className="grid gap-3 sm:grid-cols-2">
        {TUNABLE.map(({ key, label }) => (
          <div key={key} className="text-sm text-slate-700">
            <label htmlFor={`threshold-${key}`}>{label}</label>
            <input
              id={`threshold-${key}`}
              name={key}
              inputMode="decimal"
              defaultValue={state?.values?.[key] ?? overrides[key] ?? ""}
              onChange={(e) => setTyped((prev) => ({ ...prev, [key]: e.target.value }))}
              placeholder={`default ${defaults[key]}`}
              aria-invalid={state?.errors?.[key] ? true : undefined}
              aria-describedby={`${state?.errors?.[key] ? `threshold-${key}-error ` : ""}threshold-${key}-meaning`}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-invalid:border-red-500"
            />
            {state?.errors?.[key] && (
              <span id={`threshold-${key}-error`} className="text-xs text-red-700">
                {state.errors[key]!.join(" ")}
              </span>
            )}
            <ThresholdPreview
              id={`threshold-${key}-meaning`}
              field={key}
              value={effective(typed[key] ?? state?.values?.[key], overrides[key], defaults[key]!)}
            />
          </div>
        ))}
      </div>
      <p className="text-xs text-slate-500">
        Leave a field empty to use the default. Changes apply to the next upload.
      </p>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save thresholds"}
      </Button>
    </form>
  );
}
