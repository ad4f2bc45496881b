import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { Cell, DataTable, Row } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { requirePageSession } from "@/lib/auth/session";
import { listCampaigns } from "@/lib/campaigns/read";
import { pageOrFirst, param, type SearchParams } from "../list-page";
import { tabTitle } from "@/components/i18n/tab-title";

export const generateMetadata = tabTitle("campaigns.tab");

export default async function CampaignsPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requirePageSession("admin");
  const t = await getTranslations("campaigns");
  const cursor = param(await searchParams, "cursor");
  const db = await getDb();
  const page = await pageOrFirst(cursor, (cursor) => listCampaigns(db, ctx.organizationId, { cursor }));
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} intro={t("lead")} />
      {page.items.length === 0 ? (
        <EmptyState title={t("empty")} hint={t("emptyHint")} />
      ) : (
        <DataTable
          label={t("title")}
          columns={[t("name"), { header: t("people"), align: "right" }, t("language"), t("created"), t("by")]}
        >
          {page.items.map((c) => (
            <Row key={c.id} data-testid="campaign-row">
              <Cell>
                <Link href={`/campaigns/${c.id}`} className="font-medium text-brand-700 hover:underline">
                  {c.name}
                </Link>
              </Cell>
              <Cell label={t("people")} stack="inline" align="right" className="tabular-nums">
                {t("count", { count: c.people })}
              </Cell>
              <Cell label={t("language")} stack="inline">
                {c.locale === "ja" ? "日本語" : "English"}
              </Cell>
              <Cell label={t("created")} className="whitespace-nowrap">
                <DateTime value={c.createdAt} />
              </Cell>
              <Cell label={t("by")} className="text-slate-600">
                {c.createdBy}
              </Cell>
            </Row>
          ))}
        </DataTable>
      )}
      <Pager
        first={cursor ? { href: "/campaigns", label: t("first") } : undefined}
        next={
          page.nextCursor
            ? { href: `/campaigns?${new URLSearchParams({ cursor: page.nextCursor })}`, label: t("next") }
            : undefined
        }
      />
    </div>
  );
}
