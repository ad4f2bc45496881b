import { getTranslations } from "next-intl/server";
import { requirePageSession } from "@/lib/auth/session";
import { PasswordForm } from "./password-form";
import { tabTitle } from "@/components/i18n/tab-title";

export const generateMetadata = tabTitle("account.title");

export default async function AccountPage() {
  const ctx = await requirePageSession("reviewer");
  const t = await getTranslations("account");
  const tn = await getTranslations("nav");
  return (
    <div className="max-w-md space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">
          {ctx.email} · {t("roleOf", { role: tn(`roles.${ctx.role}`), organization: ctx.organizationName })}
        </p>
      </div>
      <PasswordForm />
    </div>
  );
}
