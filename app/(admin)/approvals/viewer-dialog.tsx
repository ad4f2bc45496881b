"use client";

import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/field";
import { VerdictBand } from "@/components/admin/verdict-band";
import { decideApprovalsAction, loadViewerAction } from "./actions";
import { ConditionBadges, QualityBadge } from "./condition-badges";
import { RejectWithNewLink } from "./reject-with-new-link";
import type { ViewerData } from "./viewer-data";

type Loaded = { id: string; result: Awaited<ReturnType<typeof loadViewerAction>> };

/** The large viewer: the upload beside the current portrait, their similarity, and possible duplicates. */
export function ViewerDialog({ requestId, onClose }: { requestId: string | null; onClose: () => void }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    if (!requestId) return;
    let cancelled = false;
    loadViewerAction(requestId).then((result) => {
      if (!cancelled) setLoaded({ id: requestId, result });
    });
    return () => {
      cancelled = true;
    };
  }, [requestId]);
  const current = loaded && loaded.id === requestId ? loaded.result : null;
  return (
    <Dialog open={requestId !== null} onOpenChange={(open) => !open && onClose()} title="Review photo" wide>
      {!current && <p className="py-10 text-center text-sm text-slate-600">Loading…</p>}
      {current && !current.ok && <FormMessage message={current.message} />}
      {current?.ok && <ViewerBody data={current.data} onDecided={onClose} />}
    </Dialog>
  );
}

function Photo({ src, alt, empty }: { src: string | null; alt: string; empty: string }) {
  return src ? (
    // eslint-disable-next-line @next/next/no-img-element -- private, session-checked image
    <img src={src} alt={alt} className="aspect-[3/4] w-full rounded-md bg-slate-100 object-contain" />
  ) : (
    <div className="flex aspect-[3/4] w-full items-center justify-center rounded-md bg-slate-100 p-4 text-center text-sm text-slate-500">
      {empty}
    </div>
  );
}

function ViewerBody({ data, onDecided }: { data: ViewerData; onDecided: () => void }) {
  const [state, action, pending] = useActionState(
    async (prev: Awaited<ReturnType<typeof decideApprovalsAction>> | undefined, formData: FormData) => {
      const result = await decideApprovalsAction(prev, formData);
      if (result.ok) onDecided();
      return result;
    },
    undefined,
  );
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <div className="text-base font-semibold">{data.displayName}</div>
          <div className="font-mono text-xs text-slate-500">{data.externalId}</div>
        </div>
        <ConditionBadges conditions={data.conditions} />
      </div>
      <div className="grid grid-cols-2 gap-4">
        <figure>
          <Photo
            src={data.hasImage ? `/api/approvals/${data.id}/image` : null}
            alt={`Uploaded photo of ${data.displayName}`}
            empty="No image"
          />
          <figcaption className="mt-1 text-sm font-medium">Uploaded photo</figcaption>
          <QualityBadge quality={data.quality} hasTemplate={data.hasTemplate} />
        </figure>
        <figure>
          <Photo
            src={data.current?.hasImage ? `/api/portraits/${data.current.id}/image` : null}
            alt={`Current portrait of ${data.displayName}`}
            empty={data.current ? "Template only — the current image was not kept" : "No current portrait"}
          />
          <figcaption className="mt-1 text-sm font-medium">Current portrait</figcaption>
        </figure>
      </div>
      {data.similarityToCurrent ? (
        <VerdictBand similarity={data.similarityToCurrent.similarity} />
      ) : (
        <p className="text-sm text-slate-600">
          {data.current
            ? "No similarity: one of the two photos has no face template of the current model."
            : "No current portrait to compare with — this would be the first."}
        </p>
      )}
      <section aria-labelledby="dups">
        <h3 id="dups" className="text-sm font-semibold">
          Possible duplicates
        </h3>
        {data.duplicates.length === 0 ? (
          <p className="text-sm text-slate-600">
            {data.hasTemplate ? "No other identity matches this photo." : "Cannot check: no face template."}
          </p>
        ) : (
          <ul className="mt-2 space-y-2" data-testid="duplicates">
            {data.duplicates.map((d) => (
              <li
                key={d.identityId}
                className="flex items-center gap-3 rounded-md bg-amber-50 px-3 py-2 ring-1 ring-amber-200"
              >
                {d.hasThumbnail ? (
                  // eslint-disable-next-line @next/next/no-img-element -- private, session-checked image
                  <img
                    src={`/api/portraits/${d.portraitId}/thumbnail`}
                    alt=""
                    className="h-10 w-10 rounded-full object-cover"
                  />
                ) : (
                  <span className="rounded bg-white px-1.5 py-0.5 text-xs text-slate-600">Template only</span>
                )}
                <span className="flex-1">
                  <span className="font-medium">{d.displayName}</span>{" "}
                  <span className="font-mono text-xs text-slate-500">{d.externalId}</span>
                </span>
                <span className="text-sm text-amber-900">similarity {d.similarity.toFixed(0)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <form action={action} className="flex items-center justify-end gap-2 border-t border-slate-200 pt-4">
        <input type="hidden" name="ids" value={data.id} />
        {state?.message && !state.ok && <FormMessage message={state.message} />}
        <Button type="submit" name="decision" value="reject" variant="secondary" disabled={pending}>
          Reject
        </Button>
        <Button type="submit" name="decision" value="approve" disabled={pending}>
          Approve
        </Button>
      </form>
      <RejectWithNewLink requestId={data.id} />
    </div>
  );
}
