"use client";

import { useTranslations } from "next-intl";
import { CardForm } from "@/components/ui/card-form";
import { passwordField } from "@/components/ui/form-fields";
import { loginAction } from "./actions";

export function LoginForm() {
  const t = useTranslations("login");
  return (
    <CardForm
      action={loginAction}
      fields={[
        { name: "email", label: t("email"), type: "email", required: true, autoComplete: "username" },
        passwordField("password", t("password"), "current"),
      ]}
      submit={{ label: t("title"), pending: t("signingIn") }}
    />
  );
}
