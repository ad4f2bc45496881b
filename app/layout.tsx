import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { TIME_ZONE_SCRIPT } from "@/lib/i18n/dates";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return {
    title: { default: "Identity Manager", template: "%s · Identity Manager" },
    description: t("description"),
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/**
 * `lang` is the language proxy.ts picked for this request (next-intl reads the same value). The
 * provider here gives client components the locale, time zone and formats only: the console's
 * messages (about 24 KB, sent with every page) are added by the layouts of the pages whose client
 * components read them (console, sign-in, setup); the person's upload page has its own few words.
 */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const lang = await getLocale();
  return (
    <html lang={lang}>
      <head>
        {/* Tells the server the browser's time zone, so dates render in it from the next request on. */}
        <script dangerouslySetInnerHTML={{ __html: TIME_ZONE_SCRIPT }} />
      </head>
      <body className="min-h-dvh">
        <NextIntlClientProvider messages={null}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
