import Link from "next/link";
import { getDb } from "@/db/client";
import { listAuditEvents } from "@/lib/audit/list";
import { requirePageSession } from "@/lib/auth/session";

export const metadata = { title: "Audit log" };

const ACTOR = { user: "", api_key: "API key ", public: "", system: "" } as const;

function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== "object")
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(" · ");
}

/** The `before` cursor: a positive event id JavaScript holds exactly (bigint ids beyond it do not exist yet). */
function parseBefore(raw: string | string[] | undefined): number | undefined {
  if (typeof raw !== "string" || !/^[1-9]\d{0,15}$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : undefined;
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requirePageSession("admin");
  const raw = await searchParams;
  const before = parseBefore(raw.before);
  const { items, nextBefore } = await listAuditEvents(await getDb(), ctx.organizationId, { before });
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <p className="text-sm text-slate-600">
          Who did what, and when. It never holds images, tokens or keys.
        </p>
      </div>
      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
          No events yet.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2">
                  When (UTC)
                </th>
                <th scope="col" className="px-4 py-2">
                  Who
                </th>
                <th scope="col" className="px-4 py-2">
                  What
                </th>
                <th scope="col" className="px-4 py-2">
                  Details
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((e) => (
                <tr key={e.id} data-testid="audit-row">
                  <td className="px-4 py-2 whitespace-nowrap text-slate-600">
                    {e.createdAt.toISOString().replace("T", " ").slice(0, 19)}
                  </td>
                  <td className="px-4 py-2">
                    {ACTOR[e.actorType]}
                    {e.actorLabel ?? e.actorType}
                  </td>
                  <td className="px-4 py-2 font-mono text-xs">{e.action}</td>
                  <td className="px-4 py-2 text-xs text-slate-600">
                    {e.targetType && (
                      <span className="mr-2">
                        {e.targetType} {e.targetId?.slice(0, 8)}
                      </span>
                    )}
                    {describeDetails(e.details)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="flex justify-between text-sm">
        {before ? (
          <Link href="/audit" className="text-brand-600 hover:underline">
            ← Newest
          </Link>
        ) : (
          <span />
        )}
        {nextBefore && (
          <Link href={`/audit?before=${nextBefore}`} className="text-brand-600 hover:underline">
            Older →
          </Link>
        )}
      </div>
    </div>
  );
}
