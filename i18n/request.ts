import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { TIME_ZONE_COOKIE, timeZoneOrUtc } from "@/lib/i18n/dates";
import { consoleMessages } from "@/lib/i18n/catalogue";
import { PAGE_LOCALE_HEADER, pageLocale } from "@/lib/i18n/upload";

/**
 * next-intl's configuration for one request. The language is the one proxy.ts picked (the same
 * value the root layout writes into `<html lang>`); the time zone is the browser's, from the cookie
 * TIME_ZONE_SCRIPT writes, UTC until known. `now` is fixed per request so a relative time ("3
 * minutes ago") renders the same text on the server and in the browser's first render.
 */
export default getRequestConfig(async () => {
  const locale = pageLocale((await headers()).get(PAGE_LOCALE_HEADER));
  return {
    locale,
    messages: consoleMessages(locale),
    timeZone: timeZoneOrUtc((await cookies()).get(TIME_ZONE_COOKIE)?.value),
    now: new Date(),
  };
});
