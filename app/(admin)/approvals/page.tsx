import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { listApprovals } from "@/lib/approvals/service";
import { requirePageSession } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { ApprovalsTable, type ApprovalItem } from "./approvals-table";
import { DecisionHold } from "./decision-hold";

export async function generateMetadata() {
  return { title: (await getTranslations("approvals"))("title") };
}

export default async function ApprovalsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requirePageSession("reviewer");
  const t = await getTranslations("approvals");
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
    createdAt: r.createdAt,
    conditions: r.conditions,
    quality: r.quality,
    hasThumbnail: r.hasThumbnail,
  }));
  // The decision hold stays mounted when the last request leaves the list, so its notice does too.
  return (
    <DecisionHold>
      <div className="space-y-4">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-slate-600">{t("intro")}</p>
        </div>
        {items.length === 0 ? (
          <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
            <p className="font-medium">{t("empty")}</p>
            <p className="mt-1 text-sm text-slate-600">{t("emptyHint")}</p>
          </div>
        ) : (
          <ApprovalsTable items={items} />
        )}
        <div className="flex justify-between text-sm">
          {cursor ? (
            <Link href="/approvals" className="text-brand-600 hover:underline">
              {t("firstPage")}
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor && (
            <Link href={`/approvals?cursor=${page.nextCursor}`} className="text-brand-600 hover:underline">
              {t("nextPage")}
            </Link>
          )}
        </div>
      </div>
    </DecisionHold>
  );
}
