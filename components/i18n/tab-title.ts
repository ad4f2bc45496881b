import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

type MessageKey = Parameters<Awaited<ReturnType<typeof getTranslations<never>>>>[0];

/**
 * A page's `generateMetadata` that names its browser tab with one message, in the reader's
 * language (the root layout adds " · Identity Manager"): `export const generateMetadata = tabTitle("audit.title");`
 */
export function tabTitle(key: MessageKey) {
  return async (): Promise<Metadata> => ({ title: (await getTranslations())(key) });
}
