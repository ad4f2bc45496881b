import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { tabTitle } from "@/components/i18n/tab-title";
import { CardForm } from "@/components/ui/card-form";
import { passwordField } from "@/components/ui/form-fields";
import { SignedOutPage } from "@/components/ui/signed-out-page";
import { getDb } from "@/db/client";
import { hasAnyUser } from "@/lib/auth/accounts";
import { setupAction } from "./actions";

export const dynamic = "force-dynamic";
export const generateMetadata = tabTitle("setup.tab");

/** First run: the first organization and its owner; gone (404) once anyone exists. */
export default async function SetupPage() {
  if (await hasAnyUser(await getDb())) notFound();
  const t = await getTranslations("setup");
  return (
    <SignedOutPage title={t("title")} intro={t("intro")} width="wide">
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
    </SignedOutPage>
  );
}
