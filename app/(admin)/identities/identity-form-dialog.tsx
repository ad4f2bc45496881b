"use client";

import { useTranslations } from "next-intl";
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
  const t = useTranslations("identityForm");
  const [open, setOpen] = useState(false);
  return (
    <>
      {mode === "create" ? (
        <Button onClick={() => setOpen(true)}>{t("add")}</Button>
      ) : (
        <Button
          variant="ghost"
          onClick={() => setOpen(true)}
          aria-label={t("editNamed", { name: identity.displayName })}
        >
          {t("edit")}
        </Button>
      )}
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={mode === "create" ? t("add") : t("editNamed", { name: identity.displayName })}
      >
        {open && <IdentityForm identity={identity} onDone={() => setOpen(false)} />}
      </Dialog>
    </>
  );
}

function IdentityForm({ identity, onDone }: { identity?: EditableIdentity; onDone: () => void }) {
  const t = useTranslations("identityForm");
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
        label={t("name")}
        name="displayName"
        required
        maxLength={200}
        defaultValue={state?.values?.displayName ?? identity?.displayName}
        errors={state?.errors?.displayName}
        autoFocus
      />
      <TextField
        label={t("externalId")}
        name="externalId"
        required
        maxLength={128}
        defaultValue={state?.values?.externalId ?? identity?.externalId}
        hint={t("externalIdHint")}
        errors={state?.errors?.externalId}
      />
      <TextField
        label={t("email")}
        name="email"
        type="email"
        defaultValue={state?.values?.email ?? identity?.email ?? ""}
        errors={state?.errors?.email}
      />
      <TextAreaField
        label={t("notes")}
        name="notes"
        maxLength={2000}
        defaultValue={state?.values?.notes ?? identity?.notes ?? ""}
        errors={state?.errors?.notes}
      />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          {t("cancel")}
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? t("saving") : identity ? t("save") : t("add")}
        </Button>
      </div>
    </form>
  );
}
