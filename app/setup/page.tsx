import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "@/components/admin/locale-switcher";
import { getDb } from "@/db/client";
import { hasAnyUser } from "@/lib/auth/accounts";
import { SetupForm } from "./setup-form";
import { tabTitle } from "@/components/i18n/tab-title";

export const dynamic = "force-dynamic";
export const generateMetadata = tabTitle("setup.tab");

export default async function SetupPage() {
  if (await hasAnyUser(await getDb())) notFound();
  const t = await getTranslations("setup");
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center p-6">
      <LocaleSwitcher className="mb-6 self-end" />
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("intro")}</p>
      <SetupForm />
    </main>
  );
}
