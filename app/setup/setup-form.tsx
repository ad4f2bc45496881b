"use client";

import { useTranslations } from "next-intl";
import { CardForm } from "@/components/ui/card-form";
import { passwordField } from "@/components/ui/form-fields";
import { setupAction } from "./actions";

export function SetupForm() {
  const t = useTranslations("setup");
  return (
    <CardForm
      action={setupAction}
      fields={[
        {
          name: "organizationName",
          label: t("organizationName"),
          required: true,
          autoComplete: "organization",
        },
        { name: "name", label: t("name"), autoComplete: "name" },
        { name: "email", label: t("email"), type: "email", required: true, autoComplete: "email" },
        passwordField("password", t("password"), "new", t("passwordHint")),
      ]}
      submit={{ label: t("create"), pending: t("creating") }}
    />
  );
}
