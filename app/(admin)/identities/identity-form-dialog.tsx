"use client";

import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/auth/action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormMessage, TextAreaField, TextField } from "@/components/ui/field";
import { createIdentityAction, updateIdentityAction } from "./actions";

interface EditableIdentity {
  id: string;
  externalId: string;
  displayName: string;
  email: string | null;
  notes: string | null;
}

type Props = { mode: "create"; identity?: undefined } | { mode: "edit"; identity: EditableIdentity };

export function IdentityFormDialog({ mode, identity }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      {mode === "create" ? (
        <Button onClick={() => setOpen(true)}>Add identity</Button>
      ) : (
        <Button variant="ghost" onClick={() => setOpen(true)} aria-label={`Edit ${identity.displayName}`}>
          Edit
        </Button>
      )}
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={mode === "create" ? "Add identity" : `Edit ${identity.displayName}`}
      >
        {open && <IdentityForm identity={identity} onDone={() => setOpen(false)} />}
      </Dialog>
    </>
  );
}

function IdentityForm({ identity, onDone }: { identity?: EditableIdentity; onDone: () => void }) {
  const [state, action, pending] = useActionState(
    async (prev: ActionState | undefined, formData: FormData) => {
      const result = await (identity ? updateIdentityAction : createIdentityAction)(prev, formData);
      if (result.ok) onDone();
      return result;
    },
    undefined,
  );
  return (
    <form action={action} className="space-y-4">
      {!state?.ok && <FormMessage message={state?.message} />}
      {identity && <input type="hidden" name="id" value={identity.id} />}
      <TextField
        label="Name"
        name="displayName"
        required
        maxLength={200}
        defaultValue={state?.values?.displayName ?? identity?.displayName}
        errors={state?.errors?.displayName}
        autoFocus
      />
      <TextField
        label="External ID"
        name="externalId"
        required
        maxLength={128}
        defaultValue={state?.values?.externalId ?? identity?.externalId}
        hint="Your own key for this person, e.g. an employee number. Unique in your organization."
        errors={state?.errors?.externalId}
      />
      <TextField
        label="Email (optional)"
        name="email"
        type="email"
        defaultValue={state?.values?.email ?? identity?.email ?? ""}
        errors={state?.errors?.email}
      />
      <TextAreaField
        label="Notes (optional)"
        name="notes"
        maxLength={2000}
        defaultValue={state?.values?.notes ?? identity?.notes ?? ""}
        errors={state?.errors?.notes}
      />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : identity ? "Save changes" : "Add identity"}
        </Button>
      </div>
    </form>
  );
}
