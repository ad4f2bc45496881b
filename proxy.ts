import { NextResponse, type NextRequest } from "next/server";
import { PAGE_LOCALE_HEADER, pickLocale } from "@/lib/i18n/upload";

/**
 * The person's page speaks the browser's language (English or Japanese). The root layout writes
 * `<html lang>` before the page runs, so the language is picked here, once, and handed on in a
 * request header (set by this proxy only: a client's own value is replaced).
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(PAGE_LOCALE_HEADER, pickLocale(request.headers.get("accept-language")));
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: "/upload/:path*" };
