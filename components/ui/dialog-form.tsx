import { useActionState } from "react";
import { Button } from "./button";

/**
 * `useActionState` for a form in a dialog: `onOk` runs once the action succeeded (to close the dialog
 * or move on a step); on failure the dialog stays, with the action's message and errors.
 */
export function useActionThen<S extends { ok?: boolean }>(
  action: (prev: S | undefined, formData: FormData) => Promise<S>,
  onOk: () => void,
) {
  return useActionState(async (prev: S | undefined, formData: FormData) => {
    const result = await action(prev, formData);
    if (result.ok) onOk();
    return result;
  }, undefined);
}

interface ButtonSpec {
  label: string;
  onClick: () => void;
}

/**
 * A dialog form's buttons: the submit button at the end, which says what it is doing while `busy`;
 * Cancel beside it, or Back at the start (a step of a longer dialog).
 */
export function DialogButtons({
  submit,
  busy,
  cancel,
  back,
}: {
  submit: { label: string; pending: string };
  busy: boolean;
  cancel?: ButtonSpec;
  back?: ButtonSpec;
}) {
  return (
    <div className={`flex gap-2 ${back ? "justify-between" : "justify-end"}`}>
      {back && (
        <Button variant="ghost" onClick={back.onClick}>
          {back.label}
        </Button>
      )}
      {cancel && (
        <Button variant="secondary" onClick={cancel.onClick}>
          {cancel.label}
        </Button>
      )}
      <Button type="submit" disabled={busy}>
        {busy ? submit.pending : submit.label}
      </Button>
    </div>
  );
}
