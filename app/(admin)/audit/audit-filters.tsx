import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button-class";
import { FilterButtons } from "@/components/ui/filter-buttons";
import {
  AUDIT_EVENT_NAMES,
  actorFilterValue,
  auditEventKey,
  auditQuery,
  type AuditFilters,
} from "@/lib/audit/filters";

const control =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus:border-brand-500 focus:outline-none";

export interface ActorOption {
  value: string;
  label: string;
}

/** The log's filters as a plain GET form: the URL says what is shown, so it can be shared and exported. */
export function AuditFiltersForm({ filters, actors }: { filters: AuditFilters; actors: ActorOption[] }) {
  const filtered = Boolean(filters.person || filters.actor || filters.event);
  const t = useTranslations("audit");
  return (
    <form
      method="get"
      action="/audit"
      role="search"
      aria-label={t("filterLabel")}
      className="grid gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1fr_auto] lg:items-end"
    >
      <label className="block text-sm font-medium text-slate-700">
        {t("person")}
        <input
          name="person"
          type="search"
          defaultValue={filters.person ?? ""}
          placeholder={t("personPlaceholder")}
          maxLength={200}
          className={control}
        />
      </label>
      <label className="block text-sm font-medium text-slate-700">
        {t("doneBy")}
        <select
          name="actor"
          defaultValue={filters.actor ? actorFilterValue(filters.actor) : ""}
          className={control}
        >
          <option value="">{t("anyone")}</option>
          {actors.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm font-medium text-slate-700">
        {t("event")}
        <select name="event" defaultValue={filters.event ?? ""} className={control}>
          <option value="">{t("allEvents")}</option>
          {AUDIT_EVENT_NAMES.map((value) => (
            <option key={value} value={value}>
              {t(`events.${auditEventKey(value)}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="flex flex-wrap gap-2">
        <FilterButtons
          submit={t("show")}
          clear={filtered ? { href: "/audit", label: t("clear") } : undefined}
        />
        <a href={`/audit/export${auditQuery(filters)}`} className={buttonClass("secondary")} download>
          {t("export")}
        </a>
      </div>
    </form>
  );
}
