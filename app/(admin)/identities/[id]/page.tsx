import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PortraitThumbnail } from "@/components/admin/portrait-thumbnail";
import { tabTitle } from "@/components/i18n/tab-title";
import { BackLink } from "@/components/ui/back-link";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { getDb } from "@/db/client";
import { requirePageSession } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getIdentity } from "@/lib/identities/service";
import { listPortraitHistory } from "@/lib/portraits/history";
import { listDecidedRequests } from "@/lib/approvals/decided";
import { RejectedUploads } from "./rejected-uploads";
import { PortraitButton } from "../portrait-button";

export const generateMetadata = tabTitle("identity.title");

export default async function IdentityPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageSession("admin");
  const t = await getTranslations("identity");
  const { id } = await params;
  const db = await getDb();
  const identity = await getIdentity(db, ctx.organizationId, id).catch((error) => {
    if (isAppError(error) && error.status === 404) notFound();
    throw error;
  });
  const history = await listPortraitHistory(db, ctx.organizationId, identity.id);
  const rejected = (await listDecidedRequests(db, ctx.organizationId, identity.id)).filter(
    (r) => r.status === "rejected",
  );
  return (
    <div className="space-y-6">
      <BackLink href="/identities">{t("back")}</BackLink>
      <div className="flex items-center gap-4">
        <PortraitButton identity={identity} />
        <div className="min-w-0 wrap-anywhere">
          <h1 className="text-2xl font-semibold">{identity.displayName}</h1>
          <p className="font-mono text-sm text-slate-600">{identity.externalId}</p>
        </div>
      </div>
      <dl className="grid max-w-xl grid-cols-[8rem_1fr] gap-y-1 text-sm">
        <dt className="text-slate-500">{t("email")}</dt>
        <dd>{identity.email ?? "—"}</dd>
        <dt className="text-slate-500">{t("notes")}</dt>
        <dd className="whitespace-pre-wrap">{identity.notes ?? "—"}</dd>
        <dt className="text-slate-500">{t("uploadLink")}</dt>
        <dd>
          {identity.linkExpiresAt
            ? t.rich("linkActive", {
                when: () => <DateTime value={identity.linkExpiresAt!} style="relative" />,
              })
            : t("noLink")}
        </dd>
        <dt className="text-slate-500">{t("approvals")}</dt>
        <dd>
          {identity.pendingApprovals > 0 ? (
            <Link href="/approvals" className="text-brand-600 hover:underline">
              {t("waiting")}
            </Link>
          ) : (
            t("nothingPending")
          )}
        </dd>
      </dl>
      <section aria-labelledby="history">
        <h2 id="history" className="text-lg font-semibold">
          {t("history")}
        </h2>
        {history.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t("noHistory")}</p>
        ) : (
          <ol
            className="mt-2 divide-y divide-slate-100 rounded-lg bg-white ring-1 ring-slate-200"
            data-testid="portrait-history"
          >
            {history.map((p) => (
              <li key={p.id} className="flex items-center gap-4 px-4 py-3 text-sm">
                <PortraitThumbnail
                  portraitId={p.id}
                  hasThumbnail={p.hasThumbnail}
                  templateOnly={t("templateOnly")}
                />
                <div className="flex-1">
                  <div className="font-medium">
                    {t(`source.${p.source}`)}
                    {p.id === identity.currentPortraitId && (
                      <span className="ml-2">
                        <Badge tone="success">{t("current")}</Badge>
                      </span>
                    )}
                  </div>
                  <div className="text-slate-600">
                    <DateTime value={p.createdAt} />
                    {p.createdBy && ` · ${t("by", { name: p.createdBy })}`}
                    {p.approvedBy && ` · ${t("approvedBy", { name: p.approvedBy })}`}
                  </div>
                  <div className="mt-1 flex flex-wrap gap-1">
                    {p.conditions && !p.conditions.storeImage && <Badge>{t("imageNotKept")}</Badge>}
                    {p.conditions && !p.conditions.qualityCheck && (
                      <Badge tone="warn">{t("qualitySkipped")}</Badge>
                    )}
                    {p.conditions?.requireApproval && <Badge tone="info">{t("approvalRequired")}</Badge>}
                    {!p.searchable && <Badge tone="danger">{t("notSearchable")}</Badge>}
                  </div>
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>
      <RejectedUploads items={rejected} />
    </div>
  );
}
