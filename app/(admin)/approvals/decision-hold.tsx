"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { decideApprovalsAction } from "./actions";

/** How long a decision is held, not applied, so Undo can drop it. */
export const UNDO_SECONDS = 6;

export interface HeldDecision {
  ids: string[];
  decision: "approve" | "reject";
  /** What the notice says: "Approved Maria Garcia". */
  label: string;
  reason?: string;
  note?: string;
  confirmDuplicates?: boolean;
}
type Held = HeldDecision & { key: number; until: number };

const HoldContext = createContext<{ hold: (d: HeldDecision) => void; hidden: ReadonlySet<string> } | null>(
  null,
);

export function useDecisionHold() {
  const ctx = useContext(HoldContext);
  if (!ctx) throw new Error("useDecisionHold outside DecisionHold");
  return ctx;
}

function formOf(d: HeldDecision): FormData {
  const form = new FormData();
  form.set("decision", d.decision);
  form.set("ids", d.ids.join(","));
  if (d.reason) form.set("reason", d.reason);
  if (d.note) form.set("note", d.note);
  if (d.confirmDuplicates) form.set("confirmDuplicates", "true");
  return form;
}

/**
 * Decisions are held in the page for UNDO_SECONDS before they are sent: the rows leave the list at
 * once, a notice offers Undo, and only when the time is up is the decision applied (so Undo never
 * has to revert anything). Leaving the page (client navigation) applies a held decision at once;
 * closing or reloading the tab asks first, since the decision would be lost.
 */
export function DecisionHold({ children }: { children: ReactNode }) {
  const router = useRouter();
  const t = useTranslations("approvals.hold");
  const [held, setHeld] = useState<Held | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<{ ok: boolean; message: string } | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const heldRef = useRef<Held | null>(null);
  const seq = useRef(0);

  const unhide = useCallback((ids: string[]) => {
    setHidden((prev) => new Set([...prev].filter((id) => !ids.includes(id))));
  }, []);

  const apply = useCallback(
    async (d: Held) => {
      if (heldRef.current?.key === d.key) heldRef.current = null;
      setHeld((cur) => (cur?.key === d.key ? null : cur));
      setNotice({ ok: true, message: t("applying") });
      const result = await decideApprovalsAction(undefined, formOf(d));
      if (!result.ok) unhide(d.ids);
      setNotice({ ok: Boolean(result.ok), message: result.message ?? t("done") });
      router.refresh();
    },
    [router, unhide, t],
  );

  const hold = useCallback(
    (d: HeldDecision) => {
      if (heldRef.current) void apply(heldRef.current);
      const next = { ...d, key: ++seq.current, until: Date.now() + UNDO_SECONDS * 1000 };
      heldRef.current = next;
      setHeld(next);
      setNow(Date.now());
      setNotice(null);
      setHidden((prev) => new Set([...prev, ...d.ids]));
    },
    [apply],
  );

  const undo = () => {
    const d = heldRef.current;
    if (!d) return;
    heldRef.current = null;
    setHeld(null);
    unhide(d.ids);
    setNotice({ ok: true, message: t("undone") });
  };

  useEffect(() => {
    if (!held) return;
    const tick = setInterval(() => setNow(Date.now()), 250);
    const timer = setTimeout(() => void apply(held), Math.max(0, held.until - Date.now()));
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => {
      clearInterval(tick);
      clearTimeout(timer);
      window.removeEventListener("beforeunload", warn);
    };
  }, [held, apply]);

  // Navigating elsewhere in the console: the held decision is applied, not dropped.
  const applyRef = useRef(apply);
  useEffect(() => {
    applyRef.current = apply;
  }, [apply]);
  useEffect(
    () => () => {
      if (heldRef.current) void applyRef.current(heldRef.current);
    },
    [],
  );

  const seconds = held ? Math.max(0, Math.ceil((held.until - now) / 1000)) : 0;
  return (
    <HoldContext.Provider value={{ hold, hidden }}>
      {children}
      <div
        role="status"
        data-testid="decision-notice"
        className="fixed inset-x-0 bottom-4 z-30 flex justify-center px-4"
      >
        {held ? (
          <div className="flex items-center gap-4 rounded-lg bg-slate-900 px-4 py-3 text-sm text-white shadow-lg">
            <span className="min-w-0 wrap-anywhere">{t("appliedIn", { label: held.label, seconds })}</span>
            <Button variant="secondary" onClick={undo}>
              {t("undo")}
            </Button>
          </div>
        ) : notice ? (
          <div
            className={`min-w-0 rounded-lg px-4 py-3 text-sm wrap-anywhere shadow-lg ${notice.ok ? "bg-slate-900 text-white" : "bg-red-700 text-white"}`}
          >
            {notice.message}
          </div>
        ) : null}
      </div>
    </HoldContext.Provider>
  );
}
