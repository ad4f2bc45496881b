"use client";

import { useId, type ChangeEvent } from "react";
import { REJECTION_REASONS, REVIEWER_NOTE_MAX, type RejectionReason } from "@/lib/campaigns/reasons";

const FIELD = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";
const LABEL = "block text-sm font-medium text-slate-700";

/** A field either kept by the caller (`value` + `onChange`) or left to the form (`name`, `defaultValue`). */
type Bound<E> = {
  label: string;
  name?: string;
  value?: string;
  defaultValue?: string;
  onChange?: (e: ChangeEvent<E>) => void;
};

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
  const id = useId();
  return (
    <>
      {reason && (
        <div>
          <label htmlFor={`${id}-reason`} className={LABEL}>
            {reason.label}
          </label>
          <select
            id={`${id}-reason`}
            name={reason.name}
            value={reason.value}
            defaultValue={reason.defaultValue}
            onChange={reason.onChange}
            className={FIELD}
          >
            {reason.placeholder !== undefined && <option value="">{reason.placeholder}</option>}
            {(Object.keys(REJECTION_REASONS) as RejectionReason[]).map((code) => (
              <option key={code} value={code}>
                {REJECTION_REASONS[code].label}
              </option>
            ))}
          </select>
        </div>
      )}
      <div>
        <label htmlFor={`${id}-note`} className={LABEL}>
          {note.label}
        </label>
        <textarea
          id={`${id}-note`}
          name={note.name}
          value={note.value}
          defaultValue={note.defaultValue}
          onChange={note.onChange}
          maxLength={REVIEWER_NOTE_MAX}
          rows={2}
          className={FIELD}
        />
      </div>
    </>
  );
}
