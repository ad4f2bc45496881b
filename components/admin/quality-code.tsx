import { useTranslations } from "next-intl";

/**
 * A quality check's code as an admin reads it: its short label ("Too dark"), and with `withCode` the
 * code itself too (what the API and filters use). A code this version has no label for shows as is.
 */
export function QualityCode({ code, withCode = false }: { code: string; withCode?: boolean }) {
  const t = useTranslations("findings.label");
  const key = code as never;
  if (!t.has(key)) return <span className="font-mono text-xs">{code}</span>;
  return (
    <span>
      {t(key)}
      {withCode && <span className="ml-2 font-mono text-xs text-slate-500">{code}</span>}
    </span>
  );
}
