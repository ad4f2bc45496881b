import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "@/components/admin/locale-switcher";
import { getDb } from "@/db/client";
import { countPendingApprovals } from "@/lib/approvals/service";
import { requirePageSession } from "@/lib/auth/session";
import { AdminNav } from "@/components/admin/admin-nav";
import { signOutAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requirePageSession();
  const pending = await countPendingApprovals(await getDb(), ctx.organizationId);
  const t = await getTranslations("nav");
  return (
    <NextIntlClientProvider>
      <div className="min-h-dvh">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
            <div className="min-w-0 truncate font-semibold text-slate-900">
              Identity Manager <span className="font-normal text-slate-500">· {ctx.organizationName}</span>
            </div>
            <AdminNav role={ctx.role} pendingApprovals={pending}>
              <Link href="/account" title={t("account")} className="rounded-md px-2 py-1 hover:bg-slate-100">
                {ctx.email}{" "}
                <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{t(`roles.${ctx.role}`)}</span>
              </Link>
              <LocaleSwitcher />
              <form action={signOutAction}>
                <button type="submit" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">
                  {t("signOut")}
                </button>
              </form>
            </AdminNav>
          </div>
        </header>
        <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
      </div>
    </NextIntlClientProvider>
  );
}
