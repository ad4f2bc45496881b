import en from "@/messages/en.json";
import ja from "@/messages/ja.json";
import type { Locale } from "./upload";

/** The console's messages in one language (ja.json holds exactly en.json's keys: messages.test.ts). */
export const consoleMessages = (locale: Locale): typeof en => (locale === "ja" ? ja : en);
