"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";
import { Button } from "./button";
import { FormMessage } from "./field";
import { FormFields, type FieldSpec } from "./form-fields";

/**
 * The form of a signed-out page (sign-in, first-run setup): a card of text fields under the outcome
 * of the last submission, and one full-width submit button that says what it is doing.
 */
export function CardForm({
  action,
  fields,
  submit,
}: {
  action: (prev: ActionState | undefined, formData: FormData) => Promise<ActionState>;
  fields: FieldSpec[];
  submit: { label: string; pending: string };
}) {
  const [state, formAction, pending] = useActionState(action, undefined);
  return (
    <form
      action={formAction}
      className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      <FormMessage message={state?.message} ok={state?.ok} />
      <FormFields state={state} fields={fields} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? submit.pending : submit.label}
      </Button>
    </form>
  );
}
