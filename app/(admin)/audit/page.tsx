import { getTranslations } from "next-intl/server";
import { tabTitle } from "@/components/i18n/tab-title";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { PageLink } from "@/components/ui/pager";
import { Cell, DataTable, Row } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { listApiKeys } from "@/lib/api-keys/service";
import { auditQuery, parseAuditFilters, parseEventId } from "@/lib/audit/filters";
import { listAuditEvents } from "@/lib/audit/list";
import { resolveAuditNames } from "@/lib/audit/names";
import { requirePageSession } from "@/lib/auth/session";
import { listMembers } from "@/lib/members/service";
import type { SearchParams } from "../list-page";
import { AuditFiltersForm, type ActorOption } from "./audit-filters";
import { EventSentence } from "./event-sentence";

export const generateMetadata = tabTitle("audit.title");

const PAGE_SIZE = 50;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requirePageSession("admin");
  const t = await getTranslations("audit");
  const raw = await searchParams;
  const filters = parseAuditFilters(raw);
  const db = await getDb();
  const page = await listAuditEvents(db, ctx.organizationId, {
    before: parseEventId(raw.before),
    after: parseEventId(raw.after),
    limit: PAGE_SIZE,
    filters,
  });
  const [names, members, keys] = await Promise.all([
    resolveAuditNames(db, ctx.organizationId, page.items),
    listMembers(db, ctx.organizationId),
    listApiKeys(db, ctx.organizationId),
  ]);
  const actors: ActorOption[] = [
    ...members.map((m) => ({
      value: `user:${m.userId}`,
      label: m.name ? `${m.name} (${m.email})` : m.email,
    })),
    ...keys.map((k) => ({ value: `api_key:${k.id}`, label: t("apiKeyActor", { name: k.name }) })),
    { value: "public", label: t("publicActor") },
    { value: "system", label: t("systemActor") },
  ];
  const from = page.newerCount + 1;
  const to = page.newerCount + page.items.length;
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} intro={t("intro")} />
      <AuditFiltersForm filters={filters} actors={actors} />
      {page.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
          {filters.person || filters.actor || filters.event ? t("noMatch") : t("empty")}
        </p>
      ) : (
        <DataTable label={t("tableLabel")} columns={[{ header: t("when"), className: "w-48" }, t("what")]}>
          {page.items.map((row) => {
            return (
              <Row key={row.id} data-testid="audit-row">
                <Cell className="whitespace-nowrap text-slate-600 max-md:text-xs">
                  <DateTime value={row.createdAt} />
                </Cell>
                <Cell className="wrap-anywhere">
                  <EventSentence row={row} names={names} />
                </Cell>
              </Row>
            );
          })}
        </DataTable>
      )}
      <nav aria-label={t("pages")} className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <p data-testid="audit-position" aria-live="polite">
          {page.total === 0 ? t("noEvents") : t("position", { from, to, total: page.total })}
        </p>
        <div className="flex gap-4">
          {page.newerCount > 0 && (
            <>
              <PageLink href={`/audit${auditQuery(filters)}`}>{t("newest")}</PageLink>
              <PageLink
                href={`/audit${auditQuery(filters, page.newerAfter ? { after: page.newerAfter } : {})}`}
                rel="prev"
              >
                {t("newer")}
              </PageLink>
            </>
          )}
          {page.olderBefore && (
            <PageLink href={`/audit${auditQuery(filters, { before: page.olderBefore })}`} rel="next">
              {t("older")}
            </PageLink>
          )}
        </div>
      </nav>
    </div>
  );
}
