import type { DecidedRequest } from "@/lib/approvals/decided";
import { REJECTION_REASONS, type RejectionReason } from "@/lib/campaigns/reasons";

const reasonLabel = (code: string | null) =>
  code ? (REJECTION_REASONS[code as RejectionReason]?.label ?? code) : "No reason given";

/** Uploads a reviewer rejected, with the reason: the photo itself is gone, the decision is not. */
export function RejectedUploads({ items }: { items: DecidedRequest[] }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="rejected">
      <h2 id="rejected" className="text-lg font-semibold">
        Rejected photos
      </h2>
      <ol
        className="mt-2 divide-y divide-slate-100 rounded-lg bg-white ring-1 ring-slate-200"
        data-testid="rejected-uploads"
      >
        {items.map((r) => (
          <li key={r.id} className="px-4 py-3 text-sm">
            <div className="font-medium">Rejected: {reasonLabel(r.reason)}</div>
            {r.note && <div className="text-slate-700">“{r.note}”</div>}
            <div className="text-slate-600">
              Sent{" "}
              <time dateTime={r.createdAt.toISOString()}>
                {r.createdAt.toLocaleString("en-GB", { timeZone: "UTC" })} UTC
              </time>
              {r.decidedAt && (
                <>
                  {" "}
                  · decided{" "}
                  <time dateTime={r.decidedAt.toISOString()}>
                    {r.decidedAt.toLocaleString("en-GB", { timeZone: "UTC" })} UTC
                  </time>
                </>
              )}
              {r.decidedBy && ` by ${r.decidedBy}`}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
