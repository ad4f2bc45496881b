import { headers } from "next/headers";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePageSession } from "@/lib/auth/session";
import { listQuerySchema } from "@/lib/identities/schemas";
import { countMatchingIdentities, listIdentities } from "@/lib/identities/service";
import { pickLocale } from "@/lib/i18n/upload";
import { mailAvailability } from "@/lib/mail/config";
import { isAppError } from "@/lib/errors";
import { buttonClass } from "@/components/ui/button";
import { IdentityFormDialog } from "./identity-form-dialog";
import { IdentityTable } from "./identity-table";
import { CampaignBar, SelectionProvider } from "./selection";

export const metadata = { title: "Identities" };

const FILTERS = [
  { value: "all", label: () => "All identities" },
  { value: "no_portrait", label: () => "No portrait" },
  { value: "portrait_older", label: (months: number) => `Portrait older than ${months} months` },
  { value: "never_asked", label: () => "Never asked for a photo" },
  { value: "link_expired", label: () => "Link expired unused" },
  { value: "link_active", label: () => "Link active" },
  { value: "pending_approval", label: () => "Pending approval" },
] as const;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function IdentitiesPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requirePageSession("admin");
  const raw = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const parsed = listQuerySchema.safeParse({
    q: first(raw.q),
    filter: first(raw.filter) || undefined,
    months: first(raw.months) || undefined,
    cursor: first(raw.cursor) || undefined,
  });
  const query = parsed.success ? parsed.data : listQuerySchema.parse({});
  let page;
  try {
    page = await listIdentities(await getDb(), ctx.organizationId, query);
  } catch (error) {
    if (!isAppError(error)) throw error;
    page = await listIdentities(await getDb(), ctx.organizationId, { ...query, cursor: undefined });
  }
  const filtered = Boolean(query.q) || query.filter !== "all";
  const searchParamsOf = (extra: Record<string, string> = {}) =>
    new URLSearchParams({
      ...(query.q ? { q: query.q } : {}),
      ...(query.filter !== "all" ? { filter: query.filter } : {}),
      ...(query.filter === "portrait_older" ? { months: String(query.months) } : {}),
      ...extra,
    });
  const nextHref = page.nextCursor ? `/identities?${searchParamsOf({ cursor: page.nextCursor })}` : null;
  const match = { q: query.q, filter: query.filter, months: query.months };
  const matchCount = await countMatchingIdentities(await getDb(), ctx.organizationId, match);
  const availability = mailAvailability();
  const mail = availability.configured
    ? { configured: true, missing: [] }
    : { configured: false, missing: availability.missing };
  const defaultLocale = pickLocale((await headers()).get("accept-language"));

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Identities</h1>
          <p className="text-sm text-slate-600">The people your face recognition searches for.</p>
        </div>
        <IdentityFormDialog mode="create" />
      </div>

      <form role="search" className="flex flex-wrap gap-2" action="/identities">
        <label className="sr-only" htmlFor="identity-search">
          Search by name or external ID
        </label>
        <input
          id="identity-search"
          name="q"
          type="search"
          defaultValue={query.q}
          placeholder="Search by name or external ID"
          className="min-w-56 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        />
        <label className="sr-only" htmlFor="identity-filter">
          Filter
        </label>
        <select
          id="identity-filter"
          name="filter"
          defaultValue={query.filter}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          {FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label(query.months)}
            </option>
          ))}
        </select>
        {query.filter === "portrait_older" && (
          <label className="flex items-center gap-2 text-sm text-slate-600">
            Months
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
        <button type="submit" className={buttonClass("secondary")}>
          Search
        </button>
        {filtered && (
          <Link href="/identities" className={buttonClass("ghost")}>
            Clear
          </Link>
        )}
      </form>

      {page.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          {filtered || query.cursor ? (
            <>
              <p className="font-medium">No identities match.</p>
              <p className="mt-1 text-sm text-slate-600">
                Try another name or external ID, or clear the filter.
              </p>
            </>
          ) : (
            <>
              <p className="font-medium">No identities yet.</p>
              <p className="mt-1 text-sm text-slate-600">
                Add the first person by hand, or create them in bulk through the REST API.
              </p>
            </>
          )}
        </div>
      ) : (
        <SelectionProvider>
          <div className="space-y-3">
            <CampaignBar match={match} matchCount={matchCount} mail={mail} defaultLocale={defaultLocale} />
            <IdentityTable items={page.items} />
          </div>
        </SelectionProvider>
      )}

      <div className="flex justify-between text-sm">
        {query.cursor ? (
          <Link href={`/identities?${searchParamsOf()}`} className="text-brand-600 hover:underline">
            ← First page
          </Link>
        ) : (
          <span />
        )}
        {nextHref && (
          <Link href={nextHref} className="text-brand-600 hover:underline" rel="next">
            Next page →
          </Link>
        )}
      </div>
    </div>
  );
}
