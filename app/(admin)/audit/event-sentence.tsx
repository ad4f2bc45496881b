import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { DateTime } from "@/components/ui/date-time";
import type { AuditRow } from "@/lib/audit/list";
import type { AuditNames } from "@/lib/audit/names";
import { auditSentences, type Part } from "@/lib/audit/sentence";

function Named({ part }: { part: Part }) {
  return part.href ? (
    <Link href={part.href} className="font-medium text-brand-700 hover:underline">
      {part.text}
    </Link>
  ) : (
    <span>{part.text}</span>
  );
}

/**
 * An audit event as a sentence in the user's language, with names that link to their pages — the
 * same pieces (lib/audit/sentence.ts) the CSV export writes as plain text.
 */
export function EventSentence({ row, names }: { row: AuditRow; names: AuditNames }) {
  const t = useTranslations("auditSentence");
  const s = auditSentences(useLocale())(row, names);
  if (!s) return <span>{row.action}</span>;
  return t.rich(s.message, {
    ...s.values,
    actor: () => <Named part={s.actor} />,
    person: () => <Named part={s.person} />,
    member: () => <Named part={s.member} />,
    campaign: () => <Named part={s.campaign} />,
    expires: () => <DateTime value={s.expiresAt} />,
  }) as ReactNode;
}
