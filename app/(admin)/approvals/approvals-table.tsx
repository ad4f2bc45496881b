"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { DateTime } from "@/components/ui/date-time";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Cell, DataTable, Row } from "@/components/ui/table";
import type { LinkConditions } from "@/db/schema";
import type { QualitySummary } from "@/lib/approvals/service";
import { decideApprovalsAction } from "./actions";
import { ConditionBadges, QualityBadge } from "./condition-badges";
import { ConfirmDecision, type Confirmed, type DuplicateOf } from "./confirm-decision";
import { useDecisionHold } from "./decision-hold";
import { ViewerDialog } from "./viewer-dialog";

export interface ApprovalItem {
  id: string;
  identityId: string;
  displayName: string;
  externalId: string;
  createdAt: Date;
  conditions: LinkConditions;
  quality: QualitySummary;
  hasThumbnail: boolean;
}

function DecideButtons({
  items,
  compact,
  onDecided,
}: {
  items: { id: string; displayName: string }[];
  compact?: boolean;
  onDecided?: () => void;
}) {
  const { hold } = useDecisionHold();
  const t = useTranslations("approvals");
  const [confirming, setConfirming] = useState<{
    decision: "approve" | "reject";
    duplicates: DuplicateOf[];
  } | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = items.map((i) => i.id);
  const decide = (decision: "approve" | "reject", extra: Confirmed = {}) => {
    const who = items.length === 1 ? items[0]!.displayName : t("photos", { count: items.length });
    hold({
      ids,
      decision,
      label: t(decision === "approve" ? "approvedWho" : "rejectedWho", { who }),
      ...extra,
    });
    setConfirming(null);
    onDecided?.();
  };
  // Approving asks the server first whether any of the photos matches someone else.
  const approve = async () => {
    setChecking(true);
    setError(null);
    const form = new FormData();
    form.set("decision", "approve");
    form.set("ids", ids.join(","));
    form.set("check", "true");
    const result = await decideApprovalsAction(undefined, form);
    setChecking(false);
    if (!result.ok) return setError(result.message ?? t("failed"));
    const duplicates = (result.result?.duplicates ?? []) as DuplicateOf[];
    if (duplicates.length > 0) setConfirming({ decision: "approve", duplicates });
    else decide("approve");
  };
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      {error && <span className="text-xs text-red-700">{error}</span>}
      <Button
        variant="secondary"
        disabled={checking || ids.length === 0}
        onClick={() => setConfirming({ decision: "reject", duplicates: [] })}
      >
        {compact ? t("reject") : t("rejectCount", { count: ids.length })}
      </Button>
      <Button disabled={checking || ids.length === 0} onClick={approve}>
        {compact ? t("approve") : t("approveCount", { count: ids.length })}
      </Button>
      <Dialog
        open={confirming !== null}
        onOpenChange={(open) => !open && setConfirming(null)}
        title={confirming?.decision === "approve" ? t("approveDuplicate") : t("reject")}
        description={items.length === 1 ? items[0]!.displayName : t("photos", { count: items.length })}
      >
        {confirming && (
          <ConfirmDecision
            decision={confirming.decision}
            count={items.length}
            duplicates={confirming.duplicates}
            onCancel={() => setConfirming(null)}
            onConfirm={(c) => decide(confirming.decision, c)}
          />
        )}
      </Dialog>
    </div>
  );
}

/** The pending requests; decisions are held by the page's DecisionHold (decision-hold.tsx). */
export function ApprovalsTable({ items: all }: { items: ApprovalItem[] }) {
  const { hidden } = useDecisionHold();
  const t = useTranslations("approvals");
  const items = all.filter((i) => !hidden.has(i.id));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [viewing, setViewing] = useState<string | null>(null);
  const live = items.filter((i) => selected.has(i.id));
  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allSelected = items.length > 0 && live.length === items.length;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-white px-4 py-2 ring-1 ring-slate-200">
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={allSelected}
            onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((i) => i.id)))}
            className="h-4 w-4 accent-brand-600"
          />
          {t("selectAll")}
        </label>
        <div className="flex items-center gap-3">
          <span className="text-sm text-slate-600">{t("selected", { count: live.length })}</span>
          <DecideButtons items={live} onDecided={() => setSelected(new Set())} />
        </div>
      </div>
      <DataTable
        label={t("tableLabel")}
        columns={[
          { header: t("select"), hidden: true, className: "w-10" },
          { header: t("uploadedPhoto"), hidden: true, className: "px-2" },
          t("identity"),
          t("submitted"),
          t("conditions"),
          t("quality"),
          { header: t("decision"), hidden: true, align: "right" },
        ]}
      >
        {items.map((item) => (
          <Row key={item.id} data-testid="approval-row">
            <Cell stack="inline">
              <input
                type="checkbox"
                aria-label={t("selectNamed", { name: item.displayName })}
                checked={selected.has(item.id)}
                onChange={() => toggle(item.id)}
                className="h-4 w-4 accent-brand-600"
              />
            </Cell>
            <Cell stack="inline" className="px-2">
              <button
                type="button"
                onClick={() => setViewing(item.id)}
                aria-label={t("reviewPhotoOf", { name: item.displayName })}
                className="block rounded-md"
              >
                {item.hasThumbnail ? (
                  // eslint-disable-next-line @next/next/no-img-element -- private, session-checked image
                  <img
                    src={`/api/approvals/${item.id}/thumbnail`}
                    alt=""
                    width={56}
                    height={56}
                    className="h-14 w-14 max-w-none rounded-md object-cover"
                  />
                ) : (
                  <span className="flex h-14 w-14 items-center justify-center rounded-md bg-slate-200 text-xs text-slate-500">
                    {t("noImage")}
                  </span>
                )}
              </button>
            </Cell>
            <Cell stack="grow">
              {/* At most this wide: a long name wraps, the other columns keep their width. */}
              <div className="max-w-sm wrap-anywhere">
                <div className="font-medium">{item.displayName}</div>
                <div className="font-mono text-xs text-slate-500">{item.externalId}</div>
              </div>
            </Cell>
            <Cell label={t("submitted")} className="text-slate-700">
              <DateTime value={item.createdAt} style="relative" />
            </Cell>
            <Cell label={t("conditions")}>
              <ConditionBadges conditions={item.conditions} />
            </Cell>
            <Cell label={t("quality")}>
              <QualityBadge quality={item.quality} />
            </Cell>
            <Cell>
              <DecideButtons items={[item]} compact />
            </Cell>
          </Row>
        ))}
      </DataTable>
      <ViewerDialog requestId={viewing} onClose={() => setViewing(null)} />
    </div>
  );
}
