import { createTranslator } from "next-intl";
import { csvUtc } from "@/lib/csv";
import { consoleMessages } from "@/lib/i18n/catalogue";
import type { Locale } from "@/lib/i18n/upload";
import { REJECTION_REASONS } from "@/lib/campaigns/reasons";
import { auditEventKey, auditQuery, isAuditEvent, type ActorFilter, type AuditEventKey } from "./filters";
import type { AuditRow } from "./list";
import { eventIdentityId, type AuditNames } from "./names";

/** A name in an event's sentence, linked to its page or its events when it has one. */
export type Part = { text: string; href?: string };

/** A message of `auditSentence`: an event's key, or one of the variants some events take. */
export type SentenceMessage =
  | AuditEventKey
  | "identity_updated_fields"
  | "upload_link_issued_expires"
  | "upload_link_issued_campaign"
  | "upload_link_issued_expires_campaign"
  | "upload_link_used_pending"
  | "approval_rejected_reason";

/**
 * An audit event as the pieces of its sentence, in one language: the message (word order differs
 * between languages, so the words around the names are messages), its values, and the names its
 * tags stand for. The page renders it with links, the CSV export as plain text: both say the same.
 */
export interface AuditSentence {
  message: SentenceMessage;
  values: {
    fields: string;
    reason: string;
    people: number;
    role: string;
    from: string;
    to: string;
    name: string;
  };
  actor: Part;
  person: Part;
  member: Part;
  campaign: Part;
  /** The link's expiry (ISO 8601) for `upload_link_issued_expires…`, else empty. */
  expiresAt: string;
  /** The person the event is about, when there is one (the CSV's person columns). */
  about?: { id: string; displayName: string | null; externalId: string | null };
}

const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const eventsBy = (actor: ActorFilter) => `/audit${auditQuery({ actor })}`;

/** The console's messages in `locale`, for server code that runs outside a page (the CSV export). */
export const consoleTranslator = (locale: Locale) =>
  createTranslator({ locale, messages: consoleMessages(locale) });

/**
 * Turns events into their sentences' pieces in `locale`, with today's names from `names`; an event
 * this version does not know gives null (shown by its code).
 */
export function auditSentences(locale: Locale) {
  const made = sentenceMakers.get(locale);
  if (made) return made;
  const make = sentenceMaker(locale);
  sentenceMakers.set(locale, make);
  return make;
}

/** One maker per language: the page asks for one per event row. */
const sentenceMakers = new Map<Locale, ReturnType<typeof sentenceMaker>>();

function sentenceMaker(locale: Locale) {
  const t = consoleTranslator(locale);
  const list = new Intl.ListFormat(locale, { type: "conjunction" });
  /** An edited field by its label ("name", not "displayName"); a field this version does not name, as is. */
  const fieldName = (field: string) => {
    const key = `auditSentence.fields.${field}` as never;
    return t.has(key) ? t(key) : field;
  };
  const role = (v: unknown) =>
    v === "owner" || v === "admin" || v === "reviewer" ? t(`nav.roles.${v}`) : String(v ?? "");

  function actorOf(row: AuditRow, names: AuditNames): Part {
    const id = row.actorId ?? undefined;
    switch (row.actorType) {
      case "user": {
        const user = id ? names.users.get(id) : undefined;
        const text = user
          ? user.name || user.email
          : (row.actorLabel ?? t("auditSentence.actors.formerMember"));
        return { text, href: id ? eventsBy({ type: "user", id }) : undefined };
      }
      case "api_key": {
        const name = (id && names.apiKeys.get(id)) || row.actorLabel || "?";
        return {
          text: t("auditSentence.actors.apiKey", { name }),
          href: id ? eventsBy({ type: "api_key", id }) : undefined,
        };
      }
      case "public":
        return { text: t("auditSentence.actors.public"), href: eventsBy({ type: "public" }) };
      default:
        return {
          text: row.actorLabel ?? t("auditSentence.actors.system"),
          href: eventsBy({ type: "system" }),
        };
    }
  }

  function personOf(row: AuditRow, names: AuditNames): { part: Part; about?: AuditSentence["about"] } {
    const id = eventIdentityId(row);
    const known = id ? names.identities.get(id) : undefined;
    const externalId = known?.externalId ?? str(row.details.externalId) ?? null;
    if (id && known)
      return {
        part: { text: `${known.displayName} (${known.externalId})`, href: `/identities/${id}` },
        about: { id, displayName: known.displayName, externalId },
      };
    // Gone since: the external ID the event kept, "(deleted since)" unless this is the deletion.
    const text = !externalId
      ? t("auditSentence.person.someone")
      : row.action === "identity.deleted"
        ? t("auditSentence.person.externalId", { externalId })
        : t("auditSentence.person.externalIdGone", { externalId });
    return { part: { text }, about: id ? { id, displayName: null, externalId } : undefined };
  }

  function memberOf(row: AuditRow, names: AuditNames): Part {
    const user = row.targetId ? names.users.get(row.targetId) : undefined;
    return { text: user?.email ?? str(row.details.email) ?? t("auditSentence.actors.formerMember") };
  }

  function campaignOf(row: AuditRow, names: AuditNames): Part {
    const id = row.targetType === "campaign" ? row.targetId : str(row.details.campaignId);
    const name = (id && names.campaigns.get(id)) ?? str(row.details.name);
    return id
      ? { text: t("auditSentence.campaign.named", { name: name ?? "?" }), href: `/campaigns/${id}` }
      : { text: t("auditSentence.campaign.unknown") };
  }

  return function sentenceOf(row: AuditRow, names: AuditNames): AuditSentence | null {
    if (!isAuditEvent(row.action)) return null;
    const d = row.details;
    const key = auditEventKey(row.action);
    const fields = list.format(
      (Array.isArray(d.fields) ? d.fields.filter((f) => typeof f === "string") : []).map(fieldName),
    );
    const reason = str(d.reason) ?? "";
    const expiresAt = str(d.expiresAt) ?? "";
    // Variants an event takes with its details: fields named, an expiry, a campaign, a reason, approval.
    const variant: Partial<Record<AuditEventKey, SentenceMessage>> = {
      identity_updated: fields ? "identity_updated_fields" : undefined,
      upload_link_issued: `upload_link_issued${expiresAt ? "_expires" : ""}${str(d.campaignId) ? "_campaign" : ""}`,
      upload_link_used: str(d.approvalRequestId) ? "upload_link_used_pending" : undefined,
      approval_rejected: reason ? "approval_rejected_reason" : undefined,
    };
    const { part: person, about } = personOf(row, names);
    return {
      message: variant[key] ?? key,
      values: {
        fields,
        reason:
          reason in REJECTION_REASONS ? t(`reasons.${reason as keyof typeof REJECTION_REASONS}`) : reason,
        people: Number(d.people) || 0,
        role: role(d.role),
        from: role(d.from),
        to: role(d.to),
        name: str(d.name) ?? names.apiKeys.get(row.targetId ?? "") ?? "?",
      },
      actor: actorOf(row, names),
      person,
      member: memberOf(row, names),
      campaign: campaignOf(row, names),
      expiresAt,
      about,
    };
  };
}

/** An ISO time as "2026-11-26 01:52 UTC"; a value that is not a time, as it was stored. */
function utcMinutes(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : `${csvUtc(at).slice(0, 16)} UTC`;
}

/** A sentence as plain text in `locale`, as the CSV export writes it (the expiry in UTC). */
export function auditSentenceText(locale: Locale) {
  const t = consoleTranslator(locale);
  return (s: AuditSentence): string =>
    t.markup(`auditSentence.${s.message}`, {
      ...s.values,
      actor: () => s.actor.text,
      person: () => s.person.text,
      member: () => s.member.text,
      campaign: () => s.campaign.text,
      expires: () => utcMinutes(s.expiresAt),
    });
}
