"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { loginAction } from "./actions";

export function LoginForm() {
  const t = useTranslations("login");
  const [state, action, pending] = useActionState(loginAction, undefined);
  return (
    <form
      action={action}
      className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      <FormMessage message={state?.message} ok={state?.ok} />
      <TextField
        label={t("email")}
        name="email"
        type="email"
        defaultValue={state?.values?.email}
        required
        autoComplete="username"
      />
      <TextField
        label={t("password")}
        name="password"
        type="password"
        required
        autoComplete="current-password"
      />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? t("signingIn") : t("title")}
      </Button>
    </form>
  );
}
