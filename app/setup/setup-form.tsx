"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { setupAction } from "./actions";

export function SetupForm() {
  const t = useTranslations("setup");
  const [state, action, pending] = useActionState(setupAction, undefined);
  return (
    <form
      action={action}
      className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      <FormMessage message={state?.message} ok={state?.ok} />
      <TextField
        label={t("organizationName")}
        name="organizationName"
        defaultValue={state?.values?.organizationName}
        required
        autoComplete="organization"
        errors={state?.errors?.organizationName}
      />
      <TextField
        label={t("name")}
        name="name"
        defaultValue={state?.values?.name}
        autoComplete="name"
        errors={state?.errors?.name}
      />
      <TextField
        label={t("email")}
        name="email"
        defaultValue={state?.values?.email}
        type="email"
        required
        autoComplete="email"
        errors={state?.errors?.email}
      />
      <TextField
        label={t("password")}
        name="password"
        type="password"
        required
        autoComplete="new-password"
        hint={t("passwordHint")}
        errors={state?.errors?.password}
      />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? t("creating") : t("create")}
      </Button>
    </form>
  );
}
