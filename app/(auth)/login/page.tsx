import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "@/components/admin/locale-switcher";
import { getDb } from "@/db/client";
import { hasAnyUser } from "@/lib/auth/accounts";
import { getSessionContext } from "@/lib/auth/session";
import { LoginForm } from "./login-form";
import { tabTitle } from "@/components/i18n/tab-title";

export const dynamic = "force-dynamic";
export const generateMetadata = tabTitle("login.title");

export default async function LoginPage() {
  if (!(await hasAnyUser(await getDb()))) redirect("/setup");
  if (await getSessionContext()) redirect("/");
  const t = await getTranslations("login");
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center p-6">
      <LocaleSwitcher className="mb-6 self-end" />
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">Identity Manager</p>
      <LoginForm />
    </main>
  );
}
