import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { DateTime } from "@/components/ui/date-time";
import { actorOf, campaignOf, memberOf, personOf, type Part } from "@/lib/audit/describe";
import { AUDIT_EVENTS, isAuditEvent } from "@/lib/audit/filters";
import type { AuditRow } from "@/lib/audit/list";
import type { AuditNames } from "@/lib/audit/names";
import { REJECTION_REASONS } from "@/lib/campaigns/reasons";

const str = (v: unknown) => (typeof v === "string" ? v : undefined);
type EventKey = {
  [K in keyof typeof AUDIT_EVENTS]: K extends `${infer A}.${infer B}` ? `${A}_${B}` : never;
}[keyof typeof AUDIT_EVENTS];

function Named({ part, text }: { part: Part; text?: string }) {
  const shown = text ?? part.text;
  return part.href ? (
    <Link href={part.href} className="font-medium text-brand-700 hover:underline">
      {shown}
    </Link>
  ) : (
    <span>{shown}</span>
  );
}

/**
 * An audit event as a sentence in the user's language, with names that link to their pages. The
 * names and links come from lib/audit/describe.ts (the CSV export's English sentences); the words
 * around them are messages (auditSentence.<event>), since word order differs between languages.
 */
export function EventSentence({ row, names }: { row: AuditRow; names: AuditNames }) {
  const t = useTranslations("auditSentence");
  const tr = useTranslations("reasons");
  const roles = useTranslations("nav.roles");
  const actor = actorOf(row, names);
  const { part: person, person: about } = personOf(row, names);
  const d = row.details;

  // The actor's and a gone person's words are the console's; known names stay as they are.
  const actorText =
    row.actorType === "public"
      ? t("actors.public")
      : row.actorType === "api_key"
        ? t("actors.apiKey", { name: names.apiKeys.get(row.actorId ?? "") ?? row.actorLabel ?? "?" })
        : row.actorType === "user"
          ? row.actorId && names.users.get(row.actorId)
            ? undefined
            : (row.actorLabel ?? t("actors.formerMember"))
          : (row.actorLabel ?? t("actors.system"));
  const personText =
    about && about.displayName === null
      ? about.externalId
        ? t(row.action === "identity.deleted" ? "person.externalId" : "person.externalIdGone", {
            externalId: about.externalId,
          })
        : t("person.someone")
      : !about && !person.href
        ? t("person.someone")
        : undefined;
  const role = (v: unknown) =>
    v === "owner" || v === "admin" || v === "reviewer" ? roles(v) : String(v ?? "");
  const reason = str(d.reason);
  const tags = {
    actor: () => <Named part={actor} text={actorText} />,
    person: () => <Named part={person} text={personText} />,
    member: () => {
      const m = memberOf(row, names);
      return <Named part={m} text={m.text === "a former member" ? t("actors.formerMember") : undefined} />;
    },
    campaign: () => <Named part={campaignOf(row, names)} />,
    expires: () => <DateTime value={str(d.expiresAt) ?? ""} />,
  };
  const values = {
    fields: Array.isArray(d.fields) ? d.fields.filter((f) => typeof f === "string").join(", ") : "",
    reason:
      reason && reason in REJECTION_REASONS ? tr(reason as keyof typeof REJECTION_REASONS) : (reason ?? ""),
    people: Number(d.people) || 0,
    role: role(d.role),
    from: role(d.from),
    to: role(d.to),
    name: str(d.name) ?? names.apiKeys.get(row.targetId ?? "") ?? "?",
  };
  if (!isAuditEvent(row.action)) return <span>{row.action}</span>;
  const key = row.action.replace(".", "_") as EventKey;
  // Variants an event takes with its details: fields named, an expiry, a campaign, a reason, approval.
  const variant: Partial<Record<EventKey, string>> = {
    identity_updated: values.fields ? "identity_updated_fields" : undefined,
    upload_link_issued: `upload_link_issued${str(d.expiresAt) ? "_expires" : ""}${str(d.campaignId) ? "_campaign" : ""}`,
    upload_link_used: str(d.approvalRequestId) ? "upload_link_used_pending" : undefined,
    approval_rejected: reason ? "approval_rejected_reason" : undefined,
  };
  const message = (variant[key] ?? key) as Parameters<typeof t.rich>[0];
  return t.rich(message, { ...tags, ...values } as never) as ReactNode;
}
