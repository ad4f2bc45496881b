"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogButtons, useActionThen } from "@/components/ui/dialog-form";
import { FormMessage, TextAreaField } from "@/components/ui/field";
import { FormFields } from "@/components/ui/form-fields";
import { createIdentityAction, updateIdentityAction } from "./actions";

type EditableIdentity = {
  id: string;
  externalId: string;
  displayName: string;
  email: string | null;
  notes: string | null;
};

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
  const [state, action, pending] = useActionThen(
    identity ? updateIdentityAction : createIdentityAction,
    onDone,
  );
  return (
    <form action={action} className="space-y-4">
      {!state?.ok && <FormMessage message={state?.message} />}
      {identity && <input type="hidden" name="id" value={identity.id} />}
      <FormFields
        state={state}
        initial={identity}
        fields={[
          { name: "displayName", label: t("name"), required: true, maxLength: 200, autoFocus: true },
          {
            name: "externalId",
            label: t("externalId"),
            required: true,
            maxLength: 128,
            hint: t("externalIdHint"),
          },
          { name: "email", label: t("email"), type: "email" },
        ]}
      />
      <TextAreaField
        label={t("notes")}
        name="notes"
        maxLength={2000}
        defaultValue={state?.values?.notes ?? identity?.notes ?? ""}
        errors={state?.errors?.notes}
      />
      <DialogButtons
        cancel={{ label: t("cancel"), onClick: onDone }}
        submit={{ label: identity ? t("save") : t("add"), pending: t("saving") }}
        busy={pending}
      />
    </form>
  );
}
