import type { Locale } from "./upload";

/** "SMTP_URL and MAIL_FROM" / "SMTP_URLとMAIL_FROM": a list joined the way the language joins one. */
export const listFormat = (locale: Locale, items: string[]) =>
  new Intl.ListFormat(locale, { type: "conjunction" }).format(items);
