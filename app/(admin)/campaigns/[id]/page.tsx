import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { useTranslations } from "next-intl";
import { QualityCode } from "@/components/admin/quality-code";
import { tabTitle } from "@/components/i18n/tab-title";
import { BackLink } from "@/components/ui/back-link";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { Pager } from "@/components/ui/pager";
import { Cell, DataTable, Row } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { requirePageSession } from "@/lib/auth/session";
import { hasErrorCode } from "@/lib/errors";
import { getCampaignProgress, listCampaignMembers, type CampaignMember } from "@/lib/campaigns/progress";
import { MEMBER_STATES, type MemberState } from "@/lib/campaigns/progress-states";
import { getCampaign } from "@/lib/campaigns/read";
import { REJECTION_REASONS } from "@/lib/campaigns/reasons";
import { isUuid } from "@/lib/validation/uuid";
import { mailAvailability } from "@/lib/mail/config";
import { pageOrFirst, param, type SearchParams } from "../../list-page";
import { AutoRefresh } from "./auto-refresh";
import { RemindDialog } from "./remind-dialog";

export const generateMetadata = tabTitle("campaign.title");

const GROUPS = ["delivery", "progress", "loose"] as const;

/** Every count the page shows, in groups; labels and hints are messages under campaign.counts.<state>. */
const COUNTS: { group: (typeof GROUPS)[number]; state: MemberState }[] = [
  { group: "delivery", state: "issued" },
  { group: "delivery", state: "delivered" },
  { group: "delivery", state: "mail_queued" },
  { group: "delivery", state: "bounced" },
  { group: "delivery", state: "not_mailed" },
  { group: "progress", state: "opened" },
  { group: "progress", state: "failed_check" },
  { group: "progress", state: "uploaded" },
  { group: "progress", state: "awaiting_approval" },
  { group: "progress", state: "approved" },
  { group: "progress", state: "rejected" },
  { group: "loose", state: "not_uploaded" },
  { group: "loose", state: "expired" },
  { group: "loose", state: "replaced" },
  { group: "loose", state: "revoked" },
];

const COLUMNS = ["name", "link", "opened", "failed", "uploaded", "approval", "email", "reminders"] as const;

export default async function CampaignPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const ctx = await requirePageSession("admin");
  const t = await getTranslations("campaign");
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const raw = await searchParams;
  const asked = { state: param(raw, "state") ?? "", reason: param(raw, "reason") ?? "" };
  const state = (MEMBER_STATES as readonly string[]).includes(asked.state)
    ? (asked.state as MemberState)
    : "issued";
  const reason = state === "failed_check" && /^[A-Z_]{1,64}$/.test(asked.reason) ? asked.reason : undefined;
  const cursor = param(raw, "cursor");

  const db = await getDb();
  let campaign;
  try {
    campaign = await getCampaign(db, ctx.organizationId, id);
  } catch (error) {
    if (hasErrorCode(error, "NOT_FOUND")) notFound();
    throw error;
  }
  const progress = await getCampaignProgress(db, ctx.organizationId, campaign.id);
  const members = await pageOrFirst(cursor, (cursor) =>
    listCampaignMembers(db, ctx.organizationId, campaign.id, { state, reason, cursor }),
  );
  const availability = mailAvailability();
  const mail = availability.configured
    ? { configured: true, missing: [] }
    : { configured: false, missing: availability.missing };
  const href = (s: MemberState, extra: Record<string, string> = {}) =>
    `/campaigns/${campaign.id}?${new URLSearchParams({ state: s, ...extra })}`;
  // The list's own filter, kept when paging through it.
  const listed: Record<string, string> = reason ? { reason } : {};
  const label = t(`counts.${state}.label`);
  const failedPeople = progress.counts.failed_check;

  return (
    <div className="space-y-6">
      <AutoRefresh />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <BackLink href="/campaigns">{t("back")}</BackLink>
          <h1 className="text-2xl font-semibold">{campaign.name}</h1>
          <p className="text-sm text-slate-600">
            {t.rich(campaign.createdBy ? "metaBy" : "meta", {
              count: campaign.people,
              by: campaign.createdBy ?? "",
              when: () => <DateTime value={campaign.createdAt} />,
            })}
          </p>
          <div className="flex flex-wrap gap-1">
            <Badge tone="info">{t(campaign.locale === "ja" ? "mailsJa" : "mailsEn")}</Badge>
            <Badge tone="info">
              {campaign.expiresInHours % 24 === 0
                ? t("validityDays", { count: campaign.expiresInHours / 24 })
                : t("validityHours", { count: campaign.expiresInHours })}
            </Badge>
            {!campaign.conditions.storeImage && <Badge tone="warn">{t("conditions.storeImage")}</Badge>}
            {!campaign.conditions.qualityCheck && <Badge tone="warn">{t("conditions.qualityCheck")}</Badge>}
            {campaign.conditions.requireApproval && (
              <Badge tone="info">{t("conditions.requireApproval")}</Badge>
            )}
          </div>
          <p className="text-sm text-slate-600" data-testid="replaced-on-create">
            {t("replacedOnCreate", { count: campaign.replacedOnCreate })}{" "}
            {campaign.reminders ? t("reminders", { count: campaign.reminders }) : ""}
          </p>
        </div>
        <RemindDialog campaignId={campaign.id} count={progress.counts.not_uploaded} mail={mail} />
      </div>

      {GROUPS.map((group) => (
        <section key={group} aria-labelledby={`group-${group}`}>
          <h2 id={`group-${group}`} className="mb-2 text-sm font-semibold text-slate-500 uppercase">
            {t(`groups.${group}`)}
          </h2>
          <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
            {COUNTS.filter((c) => c.group === group).map((c) => (
              <li key={c.state}>
                <Link
                  href={href(c.state)}
                  aria-current={state === c.state && !reason ? "true" : undefined}
                  data-testid={`count-${c.state}`}
                  className={`block rounded-lg border bg-white px-3 py-2 hover:border-brand-500 ${state === c.state && !reason ? "border-brand-600 ring-1 ring-brand-600" : "border-slate-200"}`}
                >
                  <span className="block text-2xl font-semibold tabular-nums">
                    {t("number", { count: progress.counts[c.state] })}
                  </span>
                  <span className="block text-sm font-medium text-slate-800">
                    {t(`counts.${c.state}.label`)}
                  </span>
                  <span className="block text-xs text-slate-500">{t(`counts.${c.state}.hint`)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}

      <section aria-labelledby="failures" data-testid="failure-reasons">
        <h2 id="failures" className="mb-2 text-sm font-semibold text-slate-500 uppercase">
          {t("failures")}
        </h2>
        {progress.failureReasons.length === 0 ? (
          <p className="text-sm text-slate-600">{t("failuresNone")}</p>
        ) : (
          <>
            <p className="mb-2 text-sm text-slate-600">
              {t("failuresLead", { attempts: progress.failedAttempts, people: failedPeople })}
            </p>
            <ul className="space-y-1">
              {progress.failureReasons.map((r) => {
                const share = Math.round((r.attempts / progress.failedAttempts) * 100);
                return (
                  <li key={r.code}>
                    <Link
                      href={href("failed_check", { reason: r.code })}
                      className="grid grid-cols-[12rem_1fr_7rem] items-center gap-3 text-sm hover:underline"
                      aria-current={reason === r.code ? "true" : undefined}
                    >
                      <QualityCode code={r.code} withCode />
                      <span className="h-3 rounded bg-slate-100" aria-hidden>
                        <span className="block h-3 rounded bg-amber-500" style={{ width: `${share}%` }} />
                      </span>
                      <span className="text-right tabular-nums">
                        {share} % · {r.attempts}× ({r.people})
                      </span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="people" className="space-y-2">
        <h2 id="people" className="text-lg font-semibold">
          {reason ? t("listReason", { label, reason }) : t("list", { label })}
        </h2>
        <MembersTable items={members.items} />
        <Pager
          first={cursor ? { href: href(state, listed), label: t("first") } : undefined}
          next={
            members.nextCursor
              ? { href: href(state, { ...listed, cursor: members.nextCursor }), label: t("next") }
              : undefined
          }
        />
      </section>
    </div>
  );
}

function MembersTable({ items }: { items: CampaignMember[] }) {
  const t = useTranslations("campaign");
  const tr = useTranslations("reasons");
  if (items.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  const headers = COLUMNS.map((c) => t(`columns.${c}`));
  const [, link, opened, failed, uploaded, approval, mail, reminders] = headers;
  return (
    <DataTable label={t("membersLabel")} columns={headers.map((header) => ({ header, className: "px-3" }))}>
      {items.map((m) => (
        <Row key={m.identityId} data-testid="campaign-member">
          <Cell className="px-3">
            <div className="max-w-xs wrap-anywhere">
              <Link href={`/identities/${m.identityId}`} className="font-medium hover:underline">
                {m.displayName}
              </Link>
              <div className="font-mono text-xs text-slate-500">{m.externalId}</div>
            </div>
          </Cell>
          <Cell label={link} className="px-3">
            {m.linkState === "active"
              ? t.rich("linkState.active", {
                  when: () => <DateTime value={m.linkExpiresAt} style="relative" />,
                })
              : t(`linkState.${m.linkState}`)}
          </Cell>
          <Cell label={opened} className="px-3 whitespace-nowrap">
            {m.openedAt ? <DateTime value={m.openedAt} style="relative" /> : "—"}
          </Cell>
          <Cell label={failed} className="px-3">
            {m.failedAttempts
              ? t.rich("failedLast", {
                  count: m.failedAttempts,
                  code: () => <QualityCode code={m.lastFailureCode ?? "?"} />,
                })
              : "—"}
          </Cell>
          <Cell label={uploaded} className="px-3 whitespace-nowrap">
            {m.uploadedAt ? <DateTime value={m.uploadedAt} style="relative" /> : "—"}
          </Cell>
          <Cell label={approval} className="px-3">
            {m.approval ? t(`approval.${m.approval}`) : "—"}
            {m.rejectionReason && (
              <div className="text-xs text-slate-500">
                {m.rejectionReason in REJECTION_REASONS
                  ? tr(m.rejectionReason as keyof typeof REJECTION_REASONS)
                  : m.rejectionReason}
              </div>
            )}
          </Cell>
          <Cell label={mail} stack="inline" className="px-3">
            {m.mail === "not_mailed" ? "—" : t(`mail.${m.mail}`)}
          </Cell>
          <Cell label={reminders} stack="inline" className="px-3 tabular-nums">
            {m.reminders || "—"}
          </Cell>
        </Row>
      ))}
    </DataTable>
  );
}
