"use client";

import { useLocale, useNow, useTimeZone } from "next-intl";
import { useEffect, useState } from "react";
import type { Locale } from "@/lib/i18n/upload";
import { browserTimeZone, formatExact, formatForDisplay, type DateStyle } from "@/lib/i18n/dates";

/**
 * Every date in the console: `<time>` with the machine-readable moment, the display text from
 * lib/i18n/dates.ts and the exact time (seconds, zone) as a tooltip.
 *
 * The first render uses the request's time zone and `now` (next-intl's request config), so the
 * server's HTML and the browser's hydration agree to the letter. After mounting, the browser's own
 * zone and clock take over (the zone is UTC until the browser's cookie reached the server; a
 * page kept open keeps its relative times current).
 */
export function DateTime({
  value,
  style = "absolute",
  className,
}: {
  value: Date | string;
  style?: DateStyle;
  className?: string;
}) {
  const locale = useLocale() as Locale;
  const requestZone = useTimeZone() ?? "UTC";
  const requestNow = useNow();
  const [live, setLive] = useState<{ timeZone: string; now: Date } | null>(null);
  useEffect(() => {
    const tick = () => setLive({ timeZone: browserTimeZone(), now: new Date() });
    tick();
    if (style !== "relative") return;
    const timer = setInterval(tick, 30_000);
    return () => clearInterval(timer);
  }, [style]);
  const date = typeof value === "string" ? new Date(value) : value;
  // A stored value that is not a time (an old or foreign audit detail) is shown as it is, not thrown on.
  if (Number.isNaN(date.getTime())) return <span className={className}>{String(value)}</span>;
  const ctx = { locale, timeZone: live?.timeZone ?? requestZone, now: live?.now ?? requestNow };
  return (
    <time dateTime={date.toISOString()} title={formatExact(date, ctx)} className={className}>
      {formatForDisplay(date, style, ctx)}
    </time>
  );
}
