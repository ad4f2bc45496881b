"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/field";
import { MatchedPerson } from "@/components/admin/matched-person";
import { useSimilarityText, VerdictBand } from "@/components/admin/verdict-band";
import { loadViewerAction } from "./actions";
import { ConditionBadges, QualityBadge } from "./condition-badges";
import { ConfirmDecision, type Confirmed } from "./confirm-decision";
import { useDecisionHold } from "./decision-hold";
import { RejectWithNewLink } from "./reject-with-new-link";
import type { ViewerData } from "./viewer-data";

type Loaded = { id: string; result: Awaited<ReturnType<typeof loadViewerAction>> };

/**
 * The review window: the upload beside the current portrait, their similarity, the possible
 * duplicates and the decision — all visible without scrolling on a laptop (1366×900).
 */
export function ViewerDialog({ requestId, onClose }: { requestId: string | null; onClose: () => void }) {
  const t = useTranslations("viewer");
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
    <Dialog
      open={requestId !== null}
      onOpenChange={(open) => !open && onClose()}
      title={t("title")}
      extraWide
    >
      {!current && <p className="py-10 text-center text-sm text-slate-600">{t("loading")}</p>}
      {current && !current.ok && <FormMessage message={current.message} />}
      {current?.ok && <ViewerBody data={current.data} onDecided={onClose} />}
    </Dialog>
  );
}

function Photo({ src, alt, caption }: { src: string; alt: string; caption: string }) {
  return (
    <figure className="min-w-0 flex-1">
      {/* eslint-disable-next-line @next/next/no-img-element -- private, session-checked image */}
      <img
        src={src}
        alt={alt}
        className="h-[min(52dvh,30rem)] w-full rounded-md bg-slate-100 object-contain"
      />
      <figcaption className="mt-1 text-sm font-medium">{caption}</figcaption>
    </figure>
  );
}

function Duplicates({ data }: { data: ViewerData }) {
  const t = useTranslations("viewer");
  const similarityText = useSimilarityText();
  return (
    <section aria-labelledby="dups">
      <h3 id="dups" className="text-sm font-semibold">
        {t("duplicates")}
      </h3>
      {data.duplicates.length === 0 ? (
        <p className="text-sm text-slate-600">{data.hasTemplate ? t("noDuplicates") : t("cannotCheck")}</p>
      ) : (
        <ul className="mt-1 space-y-1" data-testid="duplicates">
          {data.duplicates.map((d) => (
            <li
              key={d.identityId}
              className="flex items-center gap-2 rounded-md bg-amber-50 px-2 py-1.5 text-sm ring-1 ring-amber-200"
            >
              <MatchedPerson match={d} templateOnly={t("templateOnly")}>
                <span className="block text-xs text-amber-900">{similarityText(d.similarity)}</span>
              </MatchedPerson>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ViewerBody({ data, onDecided }: { data: ViewerData; onDecided: () => void }) {
  const { hold } = useDecisionHold();
  const t = useTranslations("viewer");
  const ta = useTranslations("approvals");
  const [confirming, setConfirming] = useState<"approve" | "reject" | null>(null);
  const decide = (decision: "approve" | "reject", extra: Confirmed = {}) => {
    hold({
      ids: [data.id],
      decision,
      label: ta(decision === "approve" ? "approvedWho" : "rejectedWho", { who: data.displayName }),
      ...extra,
    });
    onDecided();
  };
  const approve = () => (data.duplicates.length > 0 ? setConfirming("approve") : decide("approve"));
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div>
        <div className="flex gap-3">
          {data.hasImage ? (
            <Photo
              src={`/api/approvals/${data.id}/image`}
              alt={t("uploadedOf", { name: data.displayName })}
              caption={t("uploaded")}
            />
          ) : (
            <p className="flex-1 rounded-md bg-slate-100 p-4 text-sm text-slate-600">{t("noImage")}</p>
          )}
          {data.current?.hasImage && (
            <Photo
              src={`/api/portraits/${data.current.id}/image`}
              alt={t("currentOf", { name: data.displayName })}
              caption={t("current")}
            />
          )}
        </div>
        {!data.current?.hasImage && (
          <p className="mt-2 text-sm text-slate-600">
            {data.current ? t("currentTemplateOnly") : t("noCurrent")}
          </p>
        )}
      </div>
      <div className="space-y-3">
        <div>
          <div className="text-base font-semibold">{data.displayName}</div>
          <div className="font-mono text-xs text-slate-500">{data.externalId}</div>
          <div className="mt-1">
            <ConditionBadges conditions={data.conditions} />
          </div>
        </div>
        {data.similarityToCurrent ? (
          <VerdictBand similarity={data.similarityToCurrent.similarity} />
        ) : (
          data.current && <p className="text-sm text-slate-600">{t("noSimilarity")}</p>
        )}
        <div>
          <h3 className="text-sm font-semibold">{t("quality")}</h3>
          <QualityBadge quality={data.quality} hasTemplate={data.hasTemplate} />
        </div>
        <Duplicates data={data} />
        {confirming ? (
          <ConfirmDecision
            decision={confirming}
            count={1}
            duplicates={[{ requestId: data.id, displayName: data.displayName, matches: data.duplicates }]}
            onCancel={() => setConfirming(null)}
            onConfirm={(c) => decide(confirming, c)}
          />
        ) : (
          <div className="flex justify-end gap-2 border-t border-slate-200 pt-3">
            <Button variant="secondary" onClick={() => setConfirming("reject")}>
              {ta("reject")}
            </Button>
            <Button onClick={approve}>{ta("approve")}</Button>
          </div>
        )}
        <RejectWithNewLink requestId={data.id} />
      </div>
    </div>
  );
}
