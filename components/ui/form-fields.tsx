import type { InputHTMLAttributes } from "react";
import type { ActionState } from "@/lib/auth/action";
import { TextField } from "./field";

/** One text field of a form, by the name it is submitted under; label and hint already translated. */
export type FieldSpec = Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "defaultValue"> & {
  name: string;
  label: string;
  hint?: string;
};

/**
 * A form's text fields, bound to its action's state by name: each shows its own errors and, after a
 * failed submission, what was typed (else `initial`, the record being edited). Passwords are never
 * typed back: `echoValues` leaves them out.
 */
export function FormFields({
  state,
  fields,
  initial,
}: {
  state: ActionState<unknown> | undefined;
  fields: FieldSpec[];
  initial?: Record<string, string | null>;
}) {
  return fields.map(({ name, ...field }) => (
    <TextField
      key={name}
      name={name}
      defaultValue={state?.values?.[name] ?? initial?.[name] ?? undefined}
      errors={state?.errors?.[name]}
      {...field}
    />
  ));
}

/**
 * A password field, always required. `current` lets the browser fill in the saved password, `new`
 * offer to generate one (and not fill in the old).
 */
export function passwordField(
  name: string,
  label: string,
  purpose: "current" | "new",
  hint?: string,
): FieldSpec {
  return { name, label, hint, type: "password", required: true, autoComplete: `${purpose}-password` };
}
