import en from "../messages/en.json";
import ja from "../messages/ja.json";

/** The console's messages, so specs find controls by the names a user of that language reads. */
export type ConsoleLocale = "en" | "ja";
export const messagesFor = (locale: ConsoleLocale) => (locale === "ja" ? ja : en);

/** Fills a simple ICU message's placeholders ("{name}", "{count, number}"); enough for labels. */
export const fmt = (message: string, values: Record<string, string | number>) =>
  message.replace(/\{(\w+)(?:, number)?\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
