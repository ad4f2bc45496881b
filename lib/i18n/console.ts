import { pickLocale, type Locale } from "./upload";

/**
 * The console's language: the one the user chose with the language switcher (a cookie), else the
 * browser's (Accept-Language: Japanese first → Japanese, anything else → English). No locale in the
 * URL, so every link and bookmark works in both languages.
 */
export const LOCALE_COOKIE = "locale";
export const LOCALES: readonly Locale[] = ["en", "ja"];

export const isLocale = (value: unknown): value is Locale => value === "en" || value === "ja";

export function consoleLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
  return isLocale(cookie) ? cookie : pickLocale(acceptLanguage);
}

/** Written by the switcher in the browser; a year, the whole site, never sent cross-site. */
export const localeCookie = (locale: Locale) =>
  `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
