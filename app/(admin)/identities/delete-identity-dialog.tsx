"use client";

import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/auth/action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/field";
import { deleteIdentityAction } from "./actions";

export function DeleteIdentityDialog({
  id,
  displayName,
  hasPortrait,
}: {
  id: string;
  displayName: string;
  hasPortrait: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState(
    async (prev: ActionState | undefined, formData: FormData) => {
      const result = await deleteIdentityAction(prev, formData);
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
        aria-label={`Delete ${displayName}`}
      >
        Delete
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={`Delete ${displayName}?`}
        description={
          <>
            This deletes the identity and all of its biometric data
            {hasPortrait ? " — portraits, face templates" : ""}, pending approval requests and upload links.
            It cannot be undone.
          </>
        }
      >
        <form action={action} className="space-y-4">
          {!state?.ok && <FormMessage message={state?.message} />}
          <input type="hidden" name="id" value={id} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={pending}>
              {pending ? "Deleting…" : "Delete identity"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
