import { readFileSync } from "node:fs";
import type en from "../messages/en.json";

/** The console's messages, so specs find controls by the names a user of that language reads. */
export type ConsoleLocale = "en" | "ja";

// Read, not imported: Playwright loads specs as ES modules, where JSON needs an import attribute.
const load = (locale: ConsoleLocale) =>
  JSON.parse(readFileSync(new URL(`../messages/${locale}.json`, import.meta.url), "utf8")) as typeof en;
const MESSAGES = { en: load("en"), ja: load("ja") };
export const messagesFor = (locale: ConsoleLocale) => MESSAGES[locale];

/** Fills a simple ICU message's placeholders ("{name}", "{count, number}"); enough for labels. */
export const fmt = (message: string, values: Record<string, string | number>) =>
  message.replace(/\{(\w+)(?:, number)?\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
