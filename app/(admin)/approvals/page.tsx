import Link from "next/link";
import { getDb } from "@/db/client";
import { listApprovals } from "@/lib/approvals/service";
import { requirePageSession } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { ApprovalsTable, type ApprovalItem } from "./approvals-table";
import { DecisionHold } from "./decision-hold";

export const metadata = { title: "Approvals" };

export default async function ApprovalsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requirePageSession("reviewer");
  const raw = await searchParams;
  const cursor = typeof raw.cursor === "string" ? raw.cursor : undefined;
  const db = await getDb();
  let page;
  try {
    page = await listApprovals(db, ctx.organizationId, { status: "pending", cursor });
  } catch (error) {
    if (!isAppError(error)) throw error;
    page = await listApprovals(db, ctx.organizationId, { status: "pending" });
  }
  const items: ApprovalItem[] = page.items.map((r) => ({
    id: r.id,
    identityId: r.identityId,
    displayName: r.displayName,
    externalId: r.externalId,
    createdAt: r.createdAt.toISOString(),
    conditions: r.conditions,
    quality: r.quality,
    hasThumbnail: r.hasThumbnail,
  }));
  // The decision hold stays mounted when the last request leaves the list, so its notice does too.
  return (
    <DecisionHold>
      <div className="space-y-4">
        <div>
          <h1 className="text-2xl font-semibold">Approvals</h1>
          <p className="text-sm text-slate-600">
            Photos people sent through links that require approval. Oldest first.
          </p>
        </div>
        {items.length === 0 ? (
          <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
            <p className="font-medium">Nothing to review.</p>
            <p className="mt-1 text-sm text-slate-600">
              When someone uploads through a link that requires approval, the photo waits here.
            </p>
          </div>
        ) : (
          <ApprovalsTable items={items} />
        )}
        <div className="flex justify-between text-sm">
          {cursor ? (
            <Link href="/approvals" className="text-brand-600 hover:underline">
              ← First page
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor && (
            <Link href={`/approvals?cursor=${page.nextCursor}`} className="text-brand-600 hover:underline">
              Next page →
            </Link>
          )}
        </div>
      </div>
    </DecisionHold>
  );
}
