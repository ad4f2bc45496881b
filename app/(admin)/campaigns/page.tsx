import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DateTime } from "@/components/ui/date-time";
import { Cell, DataTable, Row } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { requirePageSession } from "@/lib/auth/session";
import { hasErrorCode } from "@/lib/errors";
import { listCampaigns } from "@/lib/campaigns/read";

export async function generateMetadata() {
  return { title: (await getTranslations("campaigns"))("tab") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CampaignsPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requirePageSession("admin");
  const t = await getTranslations("campaigns");
  const raw = await searchParams;
  const cursor = typeof raw.cursor === "string" ? raw.cursor.slice(0, 600) : undefined;
  const db = await getDb();
  let page;
  try {
    page = await listCampaigns(db, ctx.organizationId, { cursor });
  } catch (error) {
    if (!hasErrorCode(error, "INVALID_CURSOR")) throw error;
    page = await listCampaigns(db, ctx.organizationId);
  }
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("lead")}</p>
      </div>
      {page.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          <p className="font-medium">{t("empty")}</p>
          <p className="mt-1 text-sm text-slate-600">{t("emptyHint")}</p>
        </div>
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
      <div className="flex justify-between text-sm">
        {cursor ? (
          <Link href="/campaigns" className="text-brand-600 hover:underline">
            {t("first")}
          </Link>
        ) : (
          <span />
        )}
        {page.nextCursor && (
          <Link
            href={`/campaigns?${new URLSearchParams({ cursor: page.nextCursor })}`}
            className="text-brand-600 hover:underline"
            rel="next"
          >
            {t("next")}
          </Link>
        )}
      </div>
    </div>
  );
}
