import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Cell, HeaderCell, Row, Table, TableBody, TableHead } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { requirePageSession } from "@/lib/auth/session";
import { hasErrorCode } from "@/lib/errors";
import { getCampaignProgress, listCampaignMembers, type CampaignMember } from "@/lib/campaigns/progress";
import { MEMBER_STATES, type MemberState } from "@/lib/campaigns/progress-states";
import { getCampaign } from "@/lib/campaigns/read";
import { isUuid } from "@/lib/validation/uuid";
import { mailAvailability } from "@/lib/mail/config";
import { AutoRefresh } from "./auto-refresh";
import { RemindDialog } from "./remind-dialog";

export const metadata = { title: "Campaign" };

const T = {
  back: "← Campaigns",
  meta: (people: number, when: string, by: string | null) =>
    `${people.toLocaleString("en")} people · started ${when}${by ? ` by ${by}` : ""}`,
  mails: (locale: string) => `Mails in ${locale === "ja" ? "Japanese" : "English"}`,
  validity: (hours: number) => `Links valid ${hours % 24 === 0 ? `${hours / 24} days` : `${hours} hours`}`,
  replacedOnCreate: (n: number) =>
    n === 0
      ? "No active link was replaced when it started."
      : `When it started, its links replaced ${n} active ${n === 1 ? "link" : "links"} issued earlier.`,
  reminders: (n: number) => (n ? `${n} ${n === 1 ? "reminder" : "reminders"} sent.` : ""),
  conditions: {
    storeImage: "Image not stored",
    qualityCheck: "No quality check",
    requireApproval: "Approval required",
  },
  groups: { delivery: "Delivery", progress: "Progress", loose: "Still open" },
  failures: "Failed quality checks by reason",
  failuresNone: "No failed quality check so far.",
  failuresLead: (attempts: number, people: number) =>
    `${attempts} failed ${attempts === 1 ? "attempt" : "attempts"} by ${people} ${people === 1 ? "person" : "people"}. A frequent reason says what to change in your instructions.`,
  list: (label: string, reason?: string) => `People: ${label}${reason ? ` — ${reason}` : ""}`,
  empty: "Nobody here.",
  next: "More →",
  first: "← First",
  membersLabel: "People in this campaign",
  columns: ["Name", "Link", "Opened", "Failed checks", "Uploaded", "Approval", "Email", "Reminders"],
  linkState: {
    active: (d: Date) => `active until ${d.toLocaleString("en-GB")}`,
    used: () => "used",
    expired: () => "expired",
    replaced: () => "replaced by a newer link",
    revoked: () => "revoked",
  },
  mail: { queued: "queued", sent: "delivered", bounced: "bounced", not_mailed: "—" },
};

/** Every count the page shows, in groups, with what it means. */
const COUNTS: { group: keyof typeof T.groups; state: MemberState; label: string; hint: string }[] = [
  { group: "delivery", state: "issued", label: "Issued", hint: "People with a link of this campaign" },
  { group: "delivery", state: "delivered", label: "Emailed", hint: "Accepted by the mail server" },
  { group: "delivery", state: "mail_queued", label: "Email queued", hint: "Waiting or being retried" },
  { group: "delivery", state: "bounced", label: "Bounced", hint: "Refused by the mail server" },
  { group: "delivery", state: "not_mailed", label: "Not emailed", hint: "CSV only, or no address" },
  { group: "progress", state: "opened", label: "Opened", hint: "Viewed the upload page" },
  { group: "progress", state: "failed_check", label: "Failed the check", hint: "Tried, photo refused" },
  { group: "progress", state: "uploaded", label: "Uploaded", hint: "Sent an accepted photo" },
  { group: "progress", state: "awaiting_approval", label: "Waiting for approval", hint: "In Approvals" },
  { group: "progress", state: "approved", label: "Approved", hint: "Photo is the portrait" },
  { group: "progress", state: "rejected", label: "Rejected", hint: "Without a new link yet" },
  { group: "loose", state: "not_uploaded", label: "Not uploaded", hint: "Remind sends them a new link" },
  { group: "loose", state: "expired", label: "Expired unused", hint: "Their link ran out" },
  {
    group: "loose",
    state: "replaced",
    label: "Replaced by a newer link",
    hint: "Issued outside this campaign",
  },
  { group: "loose", state: "revoked", label: "Revoked", hint: "Revoked by hand" },
];

const humanCode = (code: string) => code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, " ");

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CampaignPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const ctx = await requirePageSession("admin");
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const raw = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
  const state = (MEMBER_STATES as readonly string[]).includes(one(raw.state) ?? "")
    ? (one(raw.state) as MemberState)
    : "issued";
  const reason =
    state === "failed_check" && /^[A-Z_]{1,64}$/.test(one(raw.reason) ?? "") ? one(raw.reason) : undefined;
  const cursor = one(raw.cursor)?.slice(0, 1200);

  const db = await getDb();
  let campaign;
  try {
    campaign = await getCampaign(db, ctx.organizationId, id);
  } catch (error) {
    if (hasErrorCode(error, "NOT_FOUND")) notFound();
    throw error;
  }
  const progress = await getCampaignProgress(db, ctx.organizationId, campaign.id);
  let members;
  try {
    members = await listCampaignMembers(db, ctx.organizationId, campaign.id, { state, reason, cursor });
  } catch (error) {
    if (!hasErrorCode(error, "INVALID_CURSOR")) throw error;
    members = await listCampaignMembers(db, ctx.organizationId, campaign.id, { state, reason });
  }
  const availability = mailAvailability();
  const mail = availability.configured
    ? { configured: true, missing: [] }
    : { configured: false, missing: availability.missing };
  const href = (s: MemberState, extra: Record<string, string> = {}) =>
    `/campaigns/${campaign.id}?${new URLSearchParams({ state: s, ...extra })}`;
  const label = COUNTS.find((c) => c.state === state)!.label;
  const failedPeople = progress.counts.failed_check;

  return (
    <div className="space-y-6">
      <AutoRefresh />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <Link href="/campaigns" className="text-sm text-brand-600 hover:underline">
            {T.back}
          </Link>
          <h1 className="text-2xl font-semibold">{campaign.name}</h1>
          <p className="text-sm text-slate-600">
            {T.meta(campaign.people, campaign.createdAt.toLocaleString("en-GB"), campaign.createdBy)}
          </p>
          <div className="flex flex-wrap gap-1">
            <Badge tone="info">{T.mails(campaign.locale)}</Badge>
            <Badge tone="info">{T.validity(campaign.expiresInHours)}</Badge>
            {!campaign.conditions.storeImage && <Badge tone="warn">{T.conditions.storeImage}</Badge>}
            {!campaign.conditions.qualityCheck && <Badge tone="warn">{T.conditions.qualityCheck}</Badge>}
            {campaign.conditions.requireApproval && <Badge tone="info">{T.conditions.requireApproval}</Badge>}
          </div>
          <p className="text-sm text-slate-600" data-testid="replaced-on-create">
            {T.replacedOnCreate(campaign.replacedOnCreate)} {T.reminders(campaign.reminders)}
          </p>
        </div>
        <RemindDialog campaignId={campaign.id} count={progress.counts.not_uploaded} mail={mail} />
      </div>

      {(Object.keys(T.groups) as (keyof typeof T.groups)[]).map((group) => (
        <section key={group} aria-labelledby={`group-${group}`}>
          <h2 id={`group-${group}`} className="mb-2 text-sm font-semibold text-slate-500 uppercase">
            {T.groups[group]}
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
                    {progress.counts[c.state].toLocaleString("en")}
                  </span>
                  <span className="block text-sm font-medium text-slate-800">{c.label}</span>
                  <span className="block text-xs text-slate-500">{c.hint}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}

      <section aria-labelledby="failures" data-testid="failure-reasons">
        <h2 id="failures" className="mb-2 text-sm font-semibold text-slate-500 uppercase">
          {T.failures}
        </h2>
        {progress.failureReasons.length === 0 ? (
          <p className="text-sm text-slate-600">{T.failuresNone}</p>
        ) : (
          <>
            <p className="mb-2 text-sm text-slate-600">
              {T.failuresLead(progress.failedAttempts, failedPeople)}
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
                      <span className="font-mono text-xs">{r.code}</span>
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
          {T.list(label, reason ? humanCode(reason) : undefined)}
        </h2>
        <MembersTable items={members.items} />
        <div className="flex justify-between text-sm">
          {cursor ? (
            <Link href={href(state, reason ? { reason } : {})} className="text-brand-600 hover:underline">
              {T.first}
            </Link>
          ) : (
            <span />
          )}
          {members.nextCursor && (
            <Link
              href={href(state, { ...(reason ? { reason } : {}), cursor: members.nextCursor })}
              className="text-brand-600 hover:underline"
              rel="next"
            >
              {T.next}
            </Link>
          )}
        </div>
      </section>
    </div>
  );
}

function MembersTable({ items }: { items: CampaignMember[] }) {
  if (items.length === 0) return <p className="text-sm text-slate-600">{T.empty}</p>;
  const [, link, opened, failed, uploaded, approval, mail, reminders] = T.columns;
  return (
    <Table label={T.membersLabel}>
      <TableHead>
        {T.columns.map((c) => (
          <HeaderCell key={c} className="px-3">
            {c}
          </HeaderCell>
        ))}
      </TableHead>
      <TableBody>
        {items.map((m) => (
          <Row key={m.identityId} data-testid="campaign-member">
            <Cell className="px-3">
              <Link href={`/identities/${m.identityId}`} className="font-medium hover:underline">
                {m.displayName}
              </Link>
              <div className="font-mono text-xs text-slate-500">{m.externalId}</div>
            </Cell>
            <Cell label={link} className="px-3">
              {T.linkState[m.linkState](m.linkExpiresAt)}
            </Cell>
            <Cell label={opened} className="px-3 whitespace-nowrap">
              {m.openedAt ? m.openedAt.toLocaleString("en-GB") : "—"}
            </Cell>
            <Cell label={failed} className="px-3">
              {m.failedAttempts ? `${m.failedAttempts} (last: ${m.lastFailureCode ?? "?"})` : "—"}
            </Cell>
            <Cell label={uploaded} className="px-3 whitespace-nowrap">
              {m.uploadedAt ? m.uploadedAt.toLocaleString("en-GB") : "—"}
            </Cell>
            <Cell label={approval} className="px-3">
              {m.approval ?? "—"}
              {m.rejectionReason && <div className="text-xs text-slate-500">{m.rejectionReason}</div>}
            </Cell>
            <Cell label={mail} stack="inline" className="px-3">
              {T.mail[m.mail]}
            </Cell>
            <Cell label={reminders} stack="inline" className="px-3 tabular-nums">
              {m.reminders || "—"}
            </Cell>
          </Row>
        ))}
      </TableBody>
    </Table>
  );
}
