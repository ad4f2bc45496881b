import Link from "next/link";
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
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2">
                  {T.name}
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  {T.people}
                </th>
                <th scope="col" className="px-4 py-2">
                  {T.language}
                </th>
                <th scope="col" className="px-4 py-2">
                  {T.created}
                </th>
                <th scope="col" className="px-4 py-2">
                  {T.by}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.items.map((c) => (
                <tr key={c.id} data-testid="campaign-row">
                  <td className="px-4 py-2">
                    <Link href={`/campaigns/${c.id}`} className="font-medium text-brand-700 hover:underline">
                      {c.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{c.people.toLocaleString("en")}</td>
                  <td className="px-4 py-2">{c.locale === "ja" ? "日本語" : "English"}</td>
                  <td className="px-4 py-2 whitespace-nowrap">{c.createdAt.toLocaleString("en-GB")}</td>
                  <td className="px-4 py-2 text-slate-600">{c.createdBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
