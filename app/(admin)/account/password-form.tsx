"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { changePasswordAction } from "./actions";

export function PasswordForm() {
  const t = useTranslations("account");
  const [state, action, pending] = useActionState(changePasswordAction, undefined);
  return (
    <form action={action} className="space-y-4 rounded-lg bg-white p-6 ring-1 ring-slate-200">
      <h2 className="font-semibold">{t("changePassword")}</h2>
      <p className="text-sm text-slate-600">{t("changeHint")}</p>
      {!state?.ok && <FormMessage message={state?.message} />}
      <TextField
        label={t("currentPassword")}
        name="currentPassword"
        type="password"
        required
        autoComplete="current-password"
        errors={state?.errors?.currentPassword}
      />
      <TextField
        label={t("newPassword")}
        name="newPassword"
        type="password"
        required
        autoComplete="new-password"
        hint={t("passwordHint")}
        errors={state?.errors?.newPassword}
      />
      <TextField
        label={t("confirmPassword")}
        name="confirmPassword"
        type="password"
        required
        autoComplete="new-password"
        errors={state?.errors?.confirmPassword}
      />
      <Button type="submit" disabled={pending}>
        {pending ? t("changing") : t("changePassword")}
      </Button>
    </form>
  );
}
