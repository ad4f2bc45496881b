import type en from "@/messages/en.json";
import type { Locale } from "@/lib/i18n/upload";

// Message keys are checked at compile time: a key missing from en.json fails `tsc`
// (ja.json is held to exactly en.json's keys by lib/i18n/messages.test.ts).
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
