import { z } from "zod";

/**
 * Every event the product writes. Its words, in the console's languages, are messages under the
 * event's key (`audit.events.<key>` for filters and the CSV, `auditSentence.<key>` for the log).
 */
export const AUDIT_EVENT_NAMES = [
  "identity.created",
  "identity.updated",
  "identity.deleted",
  "portrait.uploaded",
  "upload_link.issued",
  "upload_link.revoked",
  "upload_link.used",
  "approval.approved",
  "approval.rejected",
  "campaign.created",
  "campaign.reminded",
  "member.added",
  "member.add_refused",
  "member.role_changed",
  "member.disabled",
  "member.enabled",
  "api_key.created",
  "api_key.revoked",
  "quality_thresholds.updated",
  "user.created",
  "user.password_changed",
  "auth.throttled",
  "organization.created",
] as const;
export type AuditEventName = (typeof AUDIT_EVENT_NAMES)[number];

/**
 * An event's message key: its name with `_` for the dot (`identity.created` → `identity_created`),
 * since next-intl reads a dot in a key as nesting.
 */
export type AuditEventKey = {
  [N in AuditEventName]: N extends `${infer A}.${infer B}` ? `${A}_${B}` : never;
}[AuditEventName];
export const auditEventKey = (name: AuditEventName) => name.replace(".", "_") as AuditEventKey;

const EVENT_NAMES: ReadonlySet<string> = new Set(AUDIT_EVENT_NAMES);
export const isAuditEvent = (value: string): value is AuditEventName => EVENT_NAMES.has(value);

/** Who did it: one member, one API key, a person through their link, or the system. */
export type ActorFilter = { type: "user" | "api_key"; id: string } | { type: "public" } | { type: "system" };

const uuid = z.uuid();

/** `user:<id>`, `api_key:<id>`, `public` or `system`; anything else is no filter. */
export function parseActorFilter(raw: string | undefined): ActorFilter | undefined {
  if (!raw) return undefined;
  if (raw === "public" || raw === "system") return { type: raw };
  const [type, id] = raw.split(":", 2);
  if ((type === "user" || type === "api_key") && id && uuid.safeParse(id).success) return { type, id };
  return undefined;
}

export const actorFilterValue = (actor: ActorFilter) =>
  "id" in actor ? `${actor.type}:${actor.id}` : actor.type;

export interface AuditFilters {
  /** A person: an identity id, or words matched against names and external IDs. */
  person?: string;
  actor?: ActorFilter;
  event?: AuditEventName;
}

const text = z.string().trim().max(200);

/** The filters as the audit page and its CSV export read them from the query string. */
export function parseAuditFilters(params: Record<string, string | string[] | undefined>): AuditFilters {
  const one = (key: string) => {
    const v = params[key];
    return typeof v === "string" ? v : undefined;
  };
  const person = text.safeParse(one("person") ?? "");
  const event = one("event");
  return {
    person: person.success && person.data ? person.data : undefined,
    actor: parseActorFilter(one("actor")),
    event: event && isAuditEvent(event) ? event : undefined,
  };
}

/** A positive event id JavaScript holds exactly (bigint ids beyond it do not exist yet). */
export function parseEventId(raw: string | string[] | undefined): number | undefined {
  if (typeof raw !== "string" || !/^[1-9]\d{0,15}$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** The query string for these filters (and an optional page cursor), for links and the export. */
export function auditQuery(filters: AuditFilters, cursor: { before?: number; after?: number } = {}): string {
  const q = new URLSearchParams();
  if (filters.person) q.set("person", filters.person);
  if (filters.actor) q.set("actor", actorFilterValue(filters.actor));
  if (filters.event) q.set("event", filters.event);
  if (cursor.before) q.set("before", String(cursor.before));
  if (cursor.after) q.set("after", String(cursor.after));
  const s = q.toString();
  return s ? `?${s}` : "";
}
