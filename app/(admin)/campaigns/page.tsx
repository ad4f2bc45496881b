import Link from "next/link";
import { Cell, HeaderCell, Row, Table, TableBody, TableHead } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { requirePageSession } from "@/lib/auth/session";
import { hasErrorCode } from "@/lib/errors";
import { listCampaigns } from "@/lib/campaigns/read";

export const metadata = { title: "Campaigns" };

const T = {
  title: "Photo campaigns",
  lead: "Many people asked for a photo at once. Start one from Identities: tick people, or take all that match a search and filter.",
  empty: "No campaign yet.",
  emptyHint:
    "Go to Identities, pick who should send a photo (for example “No portrait”), and start a campaign.",
  name: "Name",
  people: "People",
  created: "Started",
  by: "By",
  language: "Mail language",
  next: "Older campaigns →",
  first: "← Newest",
};

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CampaignsPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requirePageSession("admin");
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
        <h1 className="text-2xl font-semibold">{T.title}</h1>
        <p className="text-sm text-slate-600">{T.lead}</p>
      </div>
      {page.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          <p className="font-medium">{T.empty}</p>
          <p className="mt-1 text-sm text-slate-600">{T.emptyHint}</p>
        </div>
      ) : (
        <Table label={T.title}>
          <TableHead>
            <HeaderCell>{T.name}</HeaderCell>
            <HeaderCell align="right">{T.people}</HeaderCell>
            <HeaderCell>{T.language}</HeaderCell>
            <HeaderCell>{T.created}</HeaderCell>
            <HeaderCell>{T.by}</HeaderCell>
          </TableHead>
          <TableBody>
            {page.items.map((c) => (
              <Row key={c.id} data-testid="campaign-row">
                <Cell>
                  <Link href={`/campaigns/${c.id}`} className="font-medium text-brand-700 hover:underline">
                    {c.name}
                  </Link>
                </Cell>
                <Cell label={T.people} stack="inline" align="right" className="tabular-nums">
                  {c.people.toLocaleString("en")}
                </Cell>
                <Cell label={T.language} stack="inline">
                  {c.locale === "ja" ? "日本語" : "English"}
                </Cell>
                <Cell label={T.created} className="whitespace-nowrap">
                  {c.createdAt.toLocaleString("en-GB")}
                </Cell>
                <Cell label={T.by} className="text-slate-600">
                  {c.createdBy}
                </Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
      <div className="flex justify-between text-sm">
        {cursor ? (
          <Link href="/campaigns" className="text-brand-600 hover:underline">
            {T.first}
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
            {T.next}
          </Link>
        )}
      </div>
    </div>
  );
}
