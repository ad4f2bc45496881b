"use client";

import { useTranslations } from "next-intl";
import { createContext, useContext, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { CampaignDialog, type CampaignTarget } from "./campaign-dialog";

interface Selection {
  selected: Set<string>;
  toggle(id: string, on: boolean): void;
  setMany(ids: string[], on: boolean): void;
  clear(): void;
}

const SelectionContext = createContext<Selection | null>(null);
const useSelection = () => useContext(SelectionContext)!;

/** Holds the ticked identities of the list on screen (a campaign can also take "all that match"). */
export function SelectionProvider({ children }: { children: ReactNode }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const value: Selection = {
    selected,
    toggle: (id, on) =>
      setSelected((prev) => {
        const next = new Set(prev);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    setMany: (ids, on) =>
      setSelected((prev) => {
        const next = new Set(prev);
        for (const id of ids) {
          if (on) next.add(id);
          else next.delete(id);
        }
        return next;
      }),
    clear: () => setSelected(new Set()),
  };
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

export function RowCheckbox({ id, name }: { id: string; name: string }) {
  const { selected, toggle } = useSelection();
  const t = useTranslations("selection");
  return (
    <input
      type="checkbox"
      aria-label={t("selectRow", { name })}
      checked={selected.has(id)}
      onChange={(e) => toggle(id, e.target.checked)}
      className="h-4 w-4 accent-brand-600"
    />
  );
}

export function PageCheckbox({ ids }: { ids: string[] }) {
  const { selected, setMany } = useSelection();
  const all = ids.length > 0 && ids.every((id) => selected.has(id));
  const t = useTranslations("selection");
  return (
    <input
      type="checkbox"
      aria-label={t("selectPage")}
      checked={all}
      onChange={(e) => setMany(ids, e.target.checked)}
      className="h-4 w-4 accent-brand-600"
    />
  );
}

/** Starts a campaign for the ticked identities, or for every identity the search and filter match. */
export function CampaignBar({
  match,
  matchCount,
  mail,
  defaultLocale,
}: {
  match: { q: string; filter: string; months: number };
  matchCount: number;
  mail: { configured: boolean; missing: string[] };
  defaultLocale: "ja" | "en";
}) {
  const { selected, clear } = useSelection();
  const [target, setTarget] = useState<CampaignTarget | null>(null);
  const t = useTranslations("selection");
  if (matchCount === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm">
      <span className="text-slate-600">
        {selected.size > 0 ? t("selected", { count: selected.size }) : t("hint")}
      </span>
      {selected.size > 0 && (
        <Button variant="ghost" onClick={clear}>
          {t("clear")}
        </Button>
      )}
      <span className="ml-auto flex flex-wrap gap-2">
        {selected.size > 0 && (
          <Button onClick={() => setTarget({ mode: "ids", ids: [...selected], count: selected.size })}>
            {t("askSelected", { count: selected.size })}
          </Button>
        )}
        <Button
          variant={selected.size > 0 ? "secondary" : "primary"}
          onClick={() => setTarget({ mode: "match", ...match, count: matchCount })}
        >
          {t("askAll", { count: matchCount })}
        </Button>
      </span>
      <CampaignDialog
        target={target}
        mail={mail}
        defaultLocale={defaultLocale}
        onClose={() => setTarget(null)}
        onCreated={clear}
      />
    </div>
  );
}
