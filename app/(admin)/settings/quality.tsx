"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { saveQualityThresholdsAction } from "./actions";

/** The thresholds people most often tune, with what they mean; the rest keep their defaults. */
export const TUNABLE = [
  { key: "faceTooSmallRejectPx", label: "Reject faces with eyes closer than (px)" },
  { key: "faceTooSmallWarnPx", label: "Warn when eyes are closer than (px)" },
  { key: "yawRejectDeg", label: "Reject heads turned more than (°)" },
  { key: "yawWarnDeg", label: "Warn when heads are turned more than (°)" },
  { key: "darkShareReject", label: "Reject when this share of the face is dark (0–1)" },
  { key: "brightShareReject", label: "Reject when this share of the face is blown out (0–1)" },
  { key: "blurRejectLaplacian", label: "Reject sharpness below" },
  { key: "minShortSidePx", label: "Reject photos whose short side is below (px)" },
] as const;

export function QualitySection({
  defaults,
  overrides,
}: {
  defaults: Record<string, number>;
  overrides: Record<string, number>;
}) {
  const [state, action, pending] = useActionState(saveQualityThresholdsAction, undefined);
  return (
    <form action={action} className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <FormMessage message={state?.message} ok={state?.ok} />
      <div className="grid gap-3 sm:grid-cols-2">
        {TUNABLE.map(({ key, label }) => (
          <label key={key} className="block text-sm text-slate-700">
            {label}
            <input
              name={key}
              inputMode="decimal"
              defaultValue={state?.values?.[key] ?? overrides[key] ?? ""}
              placeholder={`default ${defaults[key]}`}
              aria-invalid={state?.errors?.[key] ? true : undefined}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-invalid:border-red-500"
            />
            {state?.errors?.[key] && (
              <span className="text-xs text-red-700">{state.errors[key]!.join(" ")}</span>
            )}
          </label>
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
