"use client";

import { useTranslations } from "next-intl";
import type { ChangeEvent } from "react";
import { Field } from "@/components/ui/field";
import { REJECTION_REASONS, REVIEWER_NOTE_MAX, type RejectionReason } from "@/lib/campaigns/reasons";

const FIELD = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

/** A field either kept by the caller (`value` + `onChange`) or left to the form (`name`, `defaultValue`). */
type Bound<E> = {
  label: string;
  name?: string;
  value?: string;
  defaultValue?: string;
  onChange?: (e: ChangeEvent<E>) => void;
};

/** The control's own attributes: a Bound but for its label (and a select's placeholder). */
function bound<E>({ name, value, defaultValue, onChange }: Bound<E>) {
  return { name, value, defaultValue, onChange };
}

/**
 * Why a photo is rejected, as the console asks it everywhere: a reason from the fixed list (the
 * person reads it in their language) and the reviewer's note, at most REVIEWER_NOTE_MAX characters,
 * the limit the server enforces too. `reason` is left out where only a note is asked for.
 */
export function ReasonFields({
  reason,
  note,
}: {
  reason?: Bound<HTMLSelectElement> & { placeholder?: string };
  note: Bound<HTMLTextAreaElement>;
}) {
  const tr = useTranslations("reasons");
  return (
    <>
      {reason && (
        <Field
          label={reason.label}
          render={(aria) => (
            <select {...aria} {...bound(reason)} className={FIELD}>
              {reason.placeholder !== undefined && <option value="">{reason.placeholder}</option>}
              {(Object.keys(REJECTION_REASONS) as RejectionReason[]).map((code) => (
                <option key={code} value={code}>
                  {tr(code)}
                </option>
              ))}
            </select>
          )}
        />
      )}
      <Field
        label={note.label}
        render={(aria) => (
          <textarea {...aria} {...bound(note)} maxLength={REVIEWER_NOTE_MAX} rows={2} className={FIELD} />
        )}
      />
    </>
  );
}
