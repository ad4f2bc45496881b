import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { getDb } from "@/db/client";
import { listApprovals } from "@/lib/approvals/service";
import { requirePageSession } from "@/lib/auth/session";
import { pageOrFirst, param, type SearchParams } from "../list-page";
import { ApprovalsTable, type ApprovalItem } from "./approvals-table";
import { DecisionHold } from "./decision-hold";
import { tabTitle } from "@/components/i18n/tab-title";

export const generateMetadata = tabTitle("approvals.title");

export default async function ApprovalsPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requirePageSession("reviewer");
  const t = await getTranslations("approvals");
  const cursor = param(await searchParams, "cursor");
  const db = await getDb();
  const page = await pageOrFirst(cursor, (cursor) =>
    listApprovals(db, ctx.organizationId, { status: "pending", cursor }),
  );
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
        <PageHeader title={t("title")} intro={t("intro")} />
        {items.length === 0 ? (
          <EmptyState title={t("empty")} hint={t("emptyHint")} />
        ) : (
          <ApprovalsTable items={items} />
        )}
        <Pager
          first={cursor ? { href: "/approvals", label: t("firstPage") } : undefined}
          next={
            page.nextCursor
              ? { href: `/approvals?cursor=${page.nextCursor}`, label: t("nextPage") }
              : undefined
          }
        />
      </div>
    </DecisionHold>
  );
}
