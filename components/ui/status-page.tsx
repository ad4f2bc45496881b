import Link from "next/link";
import { useTranslations } from "next-intl";

/** A page that only says why there is nothing here (403, 404), with a link back to the console's start. */
export function StatusPage({ messages }: { messages: "forbidden" | "notFound" }) {
  const t = useTranslations(messages);
  return (
    <main className="mx-auto max-w-md p-8 text-center">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-slate-600">{t("body")}</p>
      <Link href="/" className="mt-6 inline-block text-brand-600 underline">
        {t("link")}
      </Link>
    </main>
  );
}
