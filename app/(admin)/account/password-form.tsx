"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { FormFields, passwordField } from "@/components/ui/form-fields";
import { changePasswordAction } from "./actions";

export function PasswordForm() {
  const t = useTranslations("account");
  const [state, action, pending] = useActionState(changePasswordAction, undefined);
  return (
    <form action={action} className="space-y-4 rounded-lg bg-white p-6 ring-1 ring-slate-200">
      <h2 className="font-semibold">{t("changePassword")}</h2>
      <p className="text-sm text-slate-600">{t("changeHint")}</p>
      {!state?.ok && <FormMessage message={state?.message} />}
      <FormFields
        state={state}
        fields={[
          passwordField("currentPassword", t("currentPassword"), "current"),
          passwordField("newPassword", t("newPassword"), "new", t("passwordHint")),
          passwordField("confirmPassword", t("confirmPassword"), "new"),
        ]}
      />
      <Button type="submit" disabled={pending}>
        {pending ? t("changing") : t("changePassword")}
      </Button>
    </form>
  );
}
