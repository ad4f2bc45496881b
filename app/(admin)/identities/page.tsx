import { getDb } from "@/db/client";
import { requirePageSession } from "@/lib/auth/session";
import { identityFilterSchema, listQuerySchema } from "@/lib/identities/schemas";
import { countMatchingIdentities, listIdentities } from "@/lib/identities/service";
import { getLocale, getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/upload";
import { mailAvailability } from "@/lib/mail/config";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { FilterButtons } from "@/components/ui/filter-buttons";
import { Pager } from "@/components/ui/pager";
import { pageOrFirst, param, type SearchParams } from "../list-page";
import { IdentityFormDialog } from "./identity-form-dialog";
import { IdentityTable } from "./identity-table";
import { CampaignBar, SelectionProvider } from "./selection";
import { tabTitle } from "@/components/i18n/tab-title";

export const generateMetadata = tabTitle("identities.title");

// The filter chips, in the order the list's filter schema names them.
const FILTERS = identityFilterSchema.options;

export default async function IdentitiesPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requirePageSession("admin");
  const t = await getTranslations("identities");
  const raw = await searchParams;
  const parsed = listQuerySchema.safeParse({
    q: param(raw, "q"),
    filter: param(raw, "filter"),
    months: param(raw, "months"),
    cursor: param(raw, "cursor"),
  });
  const query = parsed.success ? parsed.data : listQuerySchema.parse({});
  const db = await getDb();
  const page = await pageOrFirst(query.cursor, (cursor) =>
    listIdentities(db, ctx.organizationId, { ...query, cursor }),
  );
  const filtered = Boolean(query.q) || query.filter !== "all";
  const searchParamsOf = (extra: Record<string, string> = {}) =>
    new URLSearchParams({
      ...(query.q ? { q: query.q } : {}),
      ...(query.filter !== "all" ? { filter: query.filter } : {}),
      ...(query.filter === "portrait_older" ? { months: String(query.months) } : {}),
      ...extra,
    });
  const match = { q: query.q, filter: query.filter, months: query.months };
  const matchCount = await countMatchingIdentities(db, ctx.organizationId, match);
  const availability = mailAvailability();
  const mail = availability.configured
    ? { configured: true, missing: [] }
    : { configured: false, missing: availability.missing };
  // A campaign's mail language starts as the console's.
  const defaultLocale = (await getLocale()) as Locale;

  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} intro={t("intro")}>
        <IdentityFormDialog mode="create" />
      </PageHeader>

      <form role="search" className="flex flex-wrap gap-2" action="/identities">
        <input
          aria-label={t("searchLabel")}
          name="q"
          type="search"
          defaultValue={query.q}
          placeholder={t("searchLabel")}
          className="min-w-56 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        />
        <select
          aria-label={t("filterLabel")}
          name="filter"
          defaultValue={query.filter}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          {FILTERS.map((f) => (
            <option key={f} value={f}>
              {t(`filters.${f}`, { months: query.months })}
            </option>
          ))}
        </select>
        {query.filter === "portrait_older" && (
          <label className="flex items-center gap-2 text-sm text-slate-600">
            {t("months")}
            <input
              name="months"
              type="number"
              min={1}
              max={240}
              defaultValue={query.months}
              className="w-20 rounded-md border border-slate-300 bg-white px-2 py-2 text-sm"
            />
          </label>
        )}
        <FilterButtons
          submit={t("search")}
          clear={filtered ? { href: "/identities", label: t("clear") } : undefined}
        />
      </form>

      {page.items.length === 0 ? (
        filtered || query.cursor ? (
          <EmptyState title={t("noMatch")} hint={t("noMatchHint")} />
        ) : (
          <EmptyState title={t("empty")} hint={t("emptyHint")} />
        )
      ) : (
        <SelectionProvider>
          <div className="space-y-3">
            <CampaignBar match={match} matchCount={matchCount} mail={mail} defaultLocale={defaultLocale} />
            <IdentityTable items={page.items} />
          </div>
        </SelectionProvider>
      )}

      <Pager
        first={query.cursor ? { href: `/identities?${searchParamsOf()}`, label: t("firstPage") } : undefined}
        next={
          page.nextCursor
            ? { href: `/identities?${searchParamsOf({ cursor: page.nextCursor })}`, label: t("nextPage") }
            : undefined
        }
      />
    </div>
  );
}
