import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { tabTitle } from "@/components/i18n/tab-title";
import { CardForm } from "@/components/ui/card-form";
import { passwordField } from "@/components/ui/form-fields";
import { SignedOutPage } from "@/components/ui/signed-out-page";
import { getDb } from "@/db/client";
import { hasAnyUser } from "@/lib/auth/accounts";
import { getSessionContext } from "@/lib/auth/session";
import { loginAction } from "./actions";

export const dynamic = "force-dynamic";
export const generateMetadata = tabTitle("login.title");

export default async function LoginPage() {
  if (!(await hasAnyUser(await getDb()))) redirect("/setup");
  if (await getSessionContext()) redirect("/");
  const t = await getTranslations("login");
  return (
    <SignedOutPage title={t("title")} intro="Identity Manager">
      <CardForm
        action={loginAction}
        fields={[
          { name: "email", label: t("email"), type: "email", required: true, autoComplete: "username" },
          passwordField("password", t("password"), "current"),
        ]}
        submit={{ label: t("title"), pending: t("signingIn") }}
      />
    </SignedOutPage>
  );
}
