import { NextIntlClientProvider } from "next-intl";

/**
 * A layout that gives its pages' client components the console's messages (the root layout sends
 * none, so the person's upload page does not carry them).
 */
export default function MessagesLayout({ children }: { children: React.ReactNode }) {
  return <NextIntlClientProvider>{children}</NextIntlClientProvider>;
}
