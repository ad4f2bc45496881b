import { NextResponse, type NextRequest } from "next/server";
import { ACTION_BODY_LIMIT_BYTES } from "@/lib/http/action-body-limit";
import { consoleLocale, LOCALE_COOKIE } from "@/lib/i18n/console";
import { PAGE_LOCALE_HEADER, pickLocale } from "@/lib/i18n/upload";

/**
 * Every page's language is picked here, once, and handed on in a request header (set by this proxy
 * only: a client's own value is replaced). The root layout writes `<html lang>` from it and
 * i18n/request.ts gives next-intl the same value, so the two never disagree.
 * - The person's page (/upload) speaks the browser's language.
 * - The console speaks the language chosen with its switcher (a cookie), else the browser's.
 */
export function proxy(request: NextRequest) {
  // A Server Action body declared larger than the limit is refused before anything reads it (Next
  // would only see a copy cut at the limit, and refuse that as undecodable: 400 instead of 413).
  if (
    request.headers.has("next-action") &&
    Number(request.headers.get("content-length")) > ACTION_BODY_LIMIT_BYTES
  )
    return new NextResponse("Server Action body too large.", {
      status: 413,
      headers: { "content-type": "text/plain" },
    });
  const headers = new Headers(request.headers);
  const acceptLanguage = request.headers.get("accept-language");
  const locale = request.nextUrl.pathname.startsWith("/upload")
    ? pickLocale(acceptLanguage)
    : consoleLocale(request.cookies.get(LOCALE_COOKIE)?.value, acceptLanguage);
  headers.set(PAGE_LOCALE_HEADER, locale);
  return NextResponse.next({ request: { headers } });
}

// Pages only: API routes, Next's own files and static files (favicon, model files) need no language.
export const config = { matcher: ["/((?!api/|_next/|face-model/|.*\\.[a-z0-9]+$).*)"] };
