"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { Cell, HeaderCell, Row, Table, TableBody, TableHead } from "@/components/ui/table";
import type { LinkConditions } from "@/db/schema";
import type { QualitySummary } from "@/lib/approvals/service";
import { decideApprovalsAction } from "./actions";
import { ConditionBadges, QualityBadge } from "./condition-badges";
import { ViewerDialog } from "./viewer-dialog";

export interface ApprovalItem {
  id: string;
  identityId: string;
  displayName: string;
  externalId: string;
  createdAt: string;
  conditions: LinkConditions;
  quality: QualitySummary;
  hasThumbnail: boolean;
}

function DecideButtons({
  ids,
  compact,
  onDecided,
}: {
  ids: string[];
  compact?: boolean;
  onDecided?: () => void;
}) {
  const [state, action, pending] = useActionState(
    async (prev: Awaited<ReturnType<typeof decideApprovalsAction>> | undefined, formData: FormData) => {
      const result = await decideApprovalsAction(prev, formData);
      if (result.ok) onDecided?.();
      return result;
    },
    undefined,
  );
  return (
    <form action={action} className="flex flex-wrap items-center justify-end gap-2">
      <input type="hidden" name="ids" value={ids.join(",")} />
      {state?.message && !compact && <FormMessage message={state.message} ok={state.ok} />}
      {state?.message && compact && !state.ok && (
        <span className="text-xs text-red-700">{state.message}</span>
      )}
      <Button
        type="submit"
        name="decision"
        value="reject"
        variant="secondary"
        disabled={pending || ids.length === 0}
      >
        Reject{compact ? "" : ` (${ids.length})`}
      </Button>
      <Button type="submit" name="decision" value="approve" disabled={pending || ids.length === 0}>
        Approve{compact ? "" : ` (${ids.length})`}
      </Button>
    </form>
  );
}

export function ApprovalsTable({ items }: { items: ApprovalItem[] }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [viewing, setViewing] = useState<string | null>(null);
  const live = items.filter((i) => selected.has(i.id)).map((i) => i.id);
  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allSelected = live.length === items.length;
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
          Select all on this page
        </label>
        <div className="flex items-center gap-3">
          <span className="text-sm text-slate-600">{live.length} selected</span>
          <DecideButtons ids={live} onDecided={() => setSelected(new Set())} />
        </div>
      </div>
      <Table label="Pending approvals">
        <TableHead>
          <HeaderCell className="w-10">
            <span className="sr-only">Select</span>
          </HeaderCell>
          <HeaderCell className="px-2">
            <span className="sr-only">Uploaded photo</span>
          </HeaderCell>
          <HeaderCell>Identity</HeaderCell>
          <HeaderCell>Submitted</HeaderCell>
          <HeaderCell>Conditions</HeaderCell>
          <HeaderCell>Quality</HeaderCell>
          <HeaderCell align="right">
            <span className="sr-only">Decision</span>
          </HeaderCell>
        </TableHead>
        <TableBody>
          {items.map((item) => (
            <Row key={item.id} data-testid="approval-row">
              <Cell stack="inline">
                <input
                  type="checkbox"
                  aria-label={`Select ${item.displayName}`}
                  checked={selected.has(item.id)}
                  onChange={() => toggle(item.id)}
                  className="h-4 w-4 accent-brand-600"
                />
              </Cell>
              <Cell stack="inline" className="px-2">
                <button
                  type="button"
                  onClick={() => setViewing(item.id)}
                  aria-label={`Review photo of ${item.displayName}`}
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
                      No image
                    </span>
                  )}
                </button>
              </Cell>
              <Cell stack="grow">
                <div className="font-medium">{item.displayName}</div>
                <div className="font-mono text-xs text-slate-500">{item.externalId}</div>
              </Cell>
              <Cell label="Submitted" className="text-slate-700">
                <time dateTime={item.createdAt} suppressHydrationWarning>
                  {new Date(item.createdAt).toLocaleString()}
                </time>
              </Cell>
              <Cell label="Conditions">
                <ConditionBadges conditions={item.conditions} />
              </Cell>
              <Cell label="Quality">
                <QualityBadge quality={item.quality} />
              </Cell>
              <Cell>
                <DecideButtons ids={[item.id]} compact />
              </Cell>
            </Row>
          ))}
        </TableBody>
      </Table>
      <ViewerDialog requestId={viewing} onClose={() => setViewing(null)} />
    </div>
  );
}
