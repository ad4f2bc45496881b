import { AUDIT_EVENTS, auditQuery, isAuditEvent, type ActorFilter } from "./filters";
import type { AuditRow } from "./list";
import { eventIdentityId, type AuditNames } from "./names";

/** A piece of an event's sentence: words, or a name that links to its page or its events. */
export type Part = { text: string; href?: string };
export interface DescribedEvent {
  actor: Part;
  sentence: Part[];
  /** The person the event is about, when there is one (for the CSV and the person filter). */
  person?: { id: string; displayName: string | null; externalId: string | null };
}

const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const quoted = (s: string) => `“${s}”`;

const eventsBy = (actor: ActorFilter) => `/audit${auditQuery({ actor })}`;

export function actorOf(row: AuditRow, names: AuditNames): Part {
  const id = row.actorId ?? undefined;
  switch (row.actorType) {
    case "user": {
      const user = id ? names.users.get(id) : undefined;
      const text = user ? user.name || user.email : (row.actorLabel ?? "A former member");
      return { text, href: id ? eventsBy({ type: "user", id }) : undefined };
    }
    case "api_key": {
      const key = id ? names.apiKeys.get(id) : undefined;
      const text = `API key ${quoted(key ?? row.actorLabel ?? "?")}`;
      return { text, href: id ? eventsBy({ type: "api_key", id }) : undefined };
    }
    case "public":
      return { text: "The person, through their upload link", href: eventsBy({ type: "public" }) };
    default:
      return { text: row.actorLabel ?? "The system", href: eventsBy({ type: "system" }) };
  }
}

export function personOf(
  row: AuditRow,
  names: AuditNames,
): { part: Part; person?: DescribedEvent["person"] } {
  const id = eventIdentityId(row);
  const known = id ? names.identities.get(id) : undefined;
  const externalId = known?.externalId ?? str(row.details.externalId) ?? null;
  if (id && known)
    return {
      part: { text: `${known.displayName} (${known.externalId})`, href: `/identities/${id}` },
      person: { id, displayName: known.displayName, externalId },
    };
  const since = row.action === "identity.deleted" ? "" : " (deleted since)";
  const gone = externalId ? `person ${externalId}${since}` : `a person${since}`;
  return { part: { text: gone }, person: id ? { id, displayName: null, externalId } : undefined };
}

export function memberOf(row: AuditRow, names: AuditNames): Part {
  const user = row.targetId ? names.users.get(row.targetId) : undefined;
  const email = user?.email ?? str(row.details.email);
  return { text: email ?? "a former member" };
}

export function campaignOf(row: AuditRow, names: AuditNames): Part {
  const id = row.targetType === "campaign" ? row.targetId : str(row.details.campaignId);
  const name = (id && names.campaigns.get(id)) ?? str(row.details.name);
  return id ? { text: quoted(name ?? "campaign"), href: `/campaigns/${id}` } : { text: "a campaign" };
}

const w = (text: string): Part => ({ text });
/** The words about a detail of the event that is a non-empty text; none when it is not. */
const ifText = (value: unknown, words: (text: string) => Part[]): Part[] => {
  const text = str(value);
  return text ? words(text) : [];
};

/** An event as a sentence a person reads: names and links instead of codes and ids. */
export function describeAuditEvent(row: AuditRow, names: AuditNames): DescribedEvent {
  const actor = actorOf(row, names);
  const { part: person, person: about } = personOf(row, names);
  const d = row.details;
  const sentence = ((): Part[] => {
    switch (row.action) {
      case "identity.created":
        return [w("added "), person];
      case "identity.updated": {
        const fields = Array.isArray(d.fields) ? d.fields.filter((f) => typeof f === "string") : [];
        return [w("edited "), person, ...(fields.length ? [w(` (${fields.join(", ")})`)] : [])];
      }
      case "identity.deleted":
        return [w("deleted "), person, w(" and all their photos")];
      case "portrait.uploaded":
        return [w("uploaded a new portrait for "), person];
      case "upload_link.issued":
        return [
          w("issued an upload link for "),
          person,
          ...ifText(d.expiresAt, (at) => [w(`, valid until ${at.slice(0, 16).replace("T", " ")} UTC`)]),
          ...ifText(d.campaignId, () => [w(" in campaign "), campaignOf(row, names)]),
        ];
      case "upload_link.revoked":
        return [w("revoked the upload link of "), person];
      case "upload_link.used":
        return str(d.approvalRequestId)
          ? [w("sent a photo for "), person, w("; it waits for approval")]
          : [w("sent a photo that became the portrait of "), person];
      case "approval.approved":
        return [w("approved the photo sent for "), person];
      case "approval.rejected":
        return [w("rejected the photo sent for "), person, ...ifText(d.reason, (r) => [w(`: ${quoted(r)}`)])];
      case "campaign.created":
        return [w("started campaign "), campaignOf(row, names), w(` for ${Number(d.people) || 0} people`)];
      case "campaign.reminded":
        return [
          w("sent a reminder in campaign "),
          campaignOf(row, names),
          w(` to ${Number(d.people) || 0} people`),
        ];
      case "member.added":
        return [w("added "), memberOf(row, names), w(` as ${str(d.role) ?? "member"}`)];
      case "member.add_refused":
        return [w("could not add a member (the email address is not available)")];
      case "member.role_changed":
        return [w("changed the role of "), memberOf(row, names), w(` from ${str(d.from)} to ${str(d.to)}`)];
      case "member.disabled":
        return [w("disabled "), memberOf(row, names)];
      case "member.enabled":
        return [w("enabled "), memberOf(row, names)];
      case "api_key.created":
        return [w(`created API key ${quoted(str(d.name) ?? names.apiKeys.get(row.targetId ?? "") ?? "?")}`)];
      case "api_key.revoked":
        return [w(`revoked API key ${quoted(names.apiKeys.get(row.targetId ?? "") ?? str(d.name) ?? "?")}`)];
      case "quality_thresholds.updated":
        return [w("changed the quality thresholds")];
      case "user.created":
        return [w("created the account of "), memberOf(row, names)];
      case "user.password_changed":
        return [w("changed their password")];
      case "auth.throttled":
        return [w("was stopped from signing in after too many attempts: "), memberOf(row, names)];
      case "organization.created":
        return [w("created the organization")];
      default:
        return [w(isAuditEvent(row.action) ? AUDIT_EVENTS[row.action].toLowerCase() : row.action)];
    }
  })();
  return { actor, sentence, person: about };
}

export const plainText = (parts: Part[]) => parts.map((p) => p.text).join("");
