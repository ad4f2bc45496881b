"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState, type ReactNode } from "react";
import type { ActionState } from "@/lib/auth/action";
import { Button } from "./button";
import { Dialog } from "./dialog";
import { FormMessage } from "./field";

type Action = (prev: ActionState | undefined, formData: FormData) => Promise<ActionState>;

interface ConfirmDialogProps {
  /** The server action; it receives the hidden `id` field. */
  action: Action;
  id: string;
  trigger: { label: string; ariaLabel: string };
  title: string;
  description: ReactNode;
  confirm: { label: string; pending: string };
}

/** A destructive action behind a confirmation: Cancel, or confirm and close once it succeeded. */
export function ConfirmDialog({ action, id, trigger, title, description, confirm }: ConfirmDialogProps) {
  const t = useTranslations("common");
  const [open, setOpen] = useState(false);
  const [state, submit, pending] = useActionState(
    async (prev: ActionState | undefined, formData: FormData) => {
      const result = await action(prev, formData);
      if (result.ok) setOpen(false);
      return result;
    },
    undefined,
  );
  return (
    <>
      <Button
        variant="ghost"
        className="text-red-700"
        onClick={() => setOpen(true)}
        aria-label={trigger.ariaLabel}
      >
        {trigger.label}
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={title} description={description}>
        <form action={submit} className="space-y-4">
          {!state?.ok && <FormMessage message={state?.message} />}
          <input type="hidden" name="id" value={id} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {t("cancel")}
            </Button>
            <Button type="submit" variant="danger" disabled={pending}>
              {pending ? confirm.pending : confirm.label}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
