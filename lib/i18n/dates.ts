import type { Locale } from "./upload";

/**
 * The console's one date formatter (issue 13 item 8). Every date the console shows goes through
 * here, via components/ui/date-time.tsx; a static test (dates-usage.test.ts) fails when app/ or
 * components/ format a date any other way. Dates are unambiguous in both languages: the month is a
 * word in English ("26 Nov 2026") and year-first in Japanese ("2026年11月26日"), never "12/3/2026".
 * CSV exports keep ISO 8601 UTC (lib/csv.ts): they are read by programs, not people.
 */

/** Cookie with the browser's IANA time zone, written by TIME_ZONE_SCRIPT; UTC until it is known. */
export const TIME_ZONE_COOKIE = "tz";
export const DEFAULT_TIME_ZONE = "UTC";

/** A valid IANA time zone from the cookie, else UTC (a forged or stale value must not break a page). */
export function timeZoneOrUtc(value: string | undefined): string {
  if (!value || value.length > 64) return DEFAULT_TIME_ZONE;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

/** Inline script in the root layout: tells the server the browser's time zone for the next request. */
export const TIME_ZONE_SCRIPT = `try{var z=Intl.DateTimeFormat().resolvedOptions().timeZone;if(z&&document.cookie.indexOf("${TIME_ZONE_COOKIE}="+encodeURIComponent(z))<0)document.cookie="${TIME_ZONE_COOKIE}="+encodeURIComponent(z)+"; path=/; max-age=31536000; samesite=lax"}catch(e){}`;

/** The browser's own time zone (client only). */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

const intlLocale = (locale: Locale) => (locale === "ja" ? "ja-JP" : "en-GB");

export interface DateContext {
  locale: Locale;
  timeZone: string;
}

/** "26 Nov 2026, 10:52" / "2026年11月26日 10:52". */
export function formatDateTime(date: Date, { locale, timeZone }: DateContext): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: locale === "ja" ? "long" : "medium",
    timeStyle: "short",
    timeZone,
  }).format(date);
}

/** "26 Nov 2026" / "2026年11月26日". */
export function formatDate(date: Date, { locale, timeZone }: DateContext): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: locale === "ja" ? "long" : "medium",
    timeZone,
  }).format(date);
}

/** The exact moment with seconds and zone, for a tooltip: "26 Nov 2026, 10:52:40 GMT+9". */
export function formatExact(date: Date, { locale, timeZone }: DateContext): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    year: "numeric",
    month: locale === "ja" ? "long" : "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
    timeZone,
  }).format(date);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1_000],
];

/** "in 6 days", "3 minutes ago" / "6 日後", "3 分前"; "now" / "今" within a few seconds. */
export function formatRelative(date: Date, now: Date, locale: Locale): string {
  const diff = date.getTime() - now.getTime();
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: "auto" });
  if (abs < 10_000) return rtf.format(0, "second");
  // Largest unit that fits at least once; days up to two weeks read better than "2 weeks".
  const [unit, ms] = UNITS.find(([u, size]) => abs >= size && !(u === "week" && abs < 14 * 86_400_000)) ?? [
    "second",
    1_000,
  ];
  return rtf.format(Math.round(diff / ms), unit);
}

/** How a date is shown: relative ("in 6 days") when near, else absolute; "date" drops the time. */
export type DateStyle = "relative" | "absolute" | "date";

/** Relative only within a week: past that, "in 3 months" says less than the date itself. */
export const RELATIVE_WITHIN_MS = 7 * 86_400_000;

export function formatForDisplay(date: Date, style: DateStyle, ctx: DateContext & { now: Date }): string {
  if (style === "date") return formatDate(date, ctx);
  if (style === "relative" && Math.abs(date.getTime() - ctx.now.getTime()) < RELATIVE_WITHIN_MS)
    return formatRelative(date, ctx.now, ctx.locale);
  return formatDateTime(date, ctx);
}
