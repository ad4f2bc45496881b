import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { PAGE_LOCALE_HEADER, pageLocale } from "@/lib/i18n/upload";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Identity Manager", template: "%s · Identity Manager" },
  description:
    "Keep the people your face recognition searches for, and let them register their own portrait.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const lang = pageLocale((await headers()).get(PAGE_LOCALE_HEADER));
  return (
    <html lang={lang}>
      <body className="min-h-dvh">{children}</body>
    </html>
  );
}
