"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { localeCookie, LOCALES } from "@/lib/i18n/console";
import type { Locale } from "@/lib/i18n/upload";

/** Each language named in itself, so a user who cannot read the current one still finds theirs. */
const NAMES: Record<Locale, string> = { en: "English", ja: "日本語" };

/**
 * The console's language switcher: remembers the choice in a cookie (proxy.ts reads it on every
 * request) and re-renders the page in the new language without leaving it.
 */
export function LocaleSwitcher({ className = "" }: { className?: string }) {
  const t = useTranslations("nav");
  const current = useLocale();
  const router = useRouter();
  return (
    <div role="group" aria-label={t("language")} className={`flex items-center gap-1 text-sm ${className}`}>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={locale === current}
          onClick={() => {
            document.cookie = localeCookie(locale);
            router.refresh();
          }}
          className={`rounded-md px-2 py-1 ${locale === current ? "bg-slate-100 font-medium text-slate-900" : "text-slate-600 hover:bg-slate-100"}`}
        >
          {NAMES[locale]}
        </button>
      ))}
    </div>
  );
}
