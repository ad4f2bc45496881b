import { useTranslations } from "next-intl";
import { DateTime } from "@/components/ui/date-time";
import type { DecidedRequest } from "@/lib/approvals/decided";
import { REJECTION_REASONS } from "@/lib/campaigns/reasons";

/** Uploads a reviewer rejected, with the reason: the photo itself is gone, the decision is not. */
export function RejectedUploads({ items }: { items: DecidedRequest[] }) {
  const t = useTranslations("identity");
  const tr = useTranslations("reasons");
  if (items.length === 0) return null;
  // The reason is stored as a code; the label is the console's, in the user's language.
  const reasonLabel = (code: string | null) =>
    !code ? t("noReason") : code in REJECTION_REASONS ? tr(code as keyof typeof REJECTION_REASONS) : code;
  return (
    <section aria-labelledby="rejected">
      <h2 id="rejected" className="text-lg font-semibold">
        {t("rejected")}
      </h2>
      <ol
        className="mt-2 divide-y divide-slate-100 rounded-lg bg-white ring-1 ring-slate-200"
        data-testid="rejected-uploads"
      >
        {items.map((r) => (
          <li key={r.id} className="px-4 py-3 text-sm">
            <div className="font-medium">{t("rejectedReason", { reason: reasonLabel(r.reason) })}</div>
            {r.note && <div className="text-slate-700">“{r.note}”</div>}
            <div className="text-slate-600">
              {t.rich("sent", { when: () => <DateTime value={r.createdAt} /> })}
              {r.decidedAt && (
                <>
                  {" · "}
                  {t.rich("decided", { when: () => <DateTime value={r.decidedAt!} /> })}
                </>
              )}
              {r.decidedBy && ` · ${t("by", { name: r.decidedBy })}`}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
