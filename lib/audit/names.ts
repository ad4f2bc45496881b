import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { apiKeys, campaigns, identities, memberships, users } from "@/db/schema";
import type { AuditRow } from "./list";

export interface AuditNames {
  identities: Map<string, { displayName: string; externalId: string }>;
  users: Map<string, { email: string; name: string }>;
  campaigns: Map<string, string>;
  apiKeys: Map<string, string>;
}

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/** The identity an event is about: its target, or the `identityId` an approval event keeps. */
export function eventIdentityId(
  row: Pick<AuditRow, "targetType" | "targetId" | "details">,
): string | undefined {
  if (row.targetType === "identity" && row.targetId) return row.targetId;
  return str(row.details.identityId);
}

/**
 * Today's names of the people, members, campaigns and keys a page of events mentions, looked up
 * in one query each and only within the organization (an id from elsewhere resolves to nothing).
 */
export async function resolveAuditNames(
  db: DbOrTx,
  organizationId: string,
  rows: AuditRow[],
): Promise<AuditNames> {
  const ids = {
    identity: new Set<string>(),
    user: new Set<string>(),
    campaign: new Set<string>(),
    key: new Set<string>(),
  };
  for (const r of rows) {
    const identityId = eventIdentityId(r);
    if (identityId) ids.identity.add(identityId);
    if (r.actorType === "user" && r.actorId) ids.user.add(r.actorId);
    if (r.actorType === "api_key" && r.actorId) ids.key.add(r.actorId);
    if (r.targetType === "user" && r.targetId) ids.user.add(r.targetId);
    if (r.targetType === "campaign" && r.targetId) ids.campaign.add(r.targetId);
    if (r.targetType === "api_key" && r.targetId) ids.key.add(r.targetId);
    const campaignId = str(r.details.campaignId);
    if (campaignId) ids.campaign.add(campaignId);
  }
  // Ids in the log are text and may be anything an old version wrote; only uuids reach a uuid column.
  const uuids = (set: Set<string>) =>
    [...set].filter((s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s));
  const [people, members, named, keys] = await Promise.all([
    ids.identity.size
      ? db
          .select({
            id: identities.id,
            displayName: identities.displayName,
            externalId: identities.externalId,
          })
          .from(identities)
          .where(
            and(eq(identities.organizationId, organizationId), inArray(identities.id, uuids(ids.identity))),
          )
      : [],
    ids.user.size
      ? db
          .select({ id: users.id, email: users.email, name: users.name })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(and(eq(memberships.organizationId, organizationId), inArray(users.id, uuids(ids.user))))
      : [],
    ids.campaign.size
      ? db
          .select({ id: campaigns.id, name: campaigns.name })
          .from(campaigns)
          .where(
            and(eq(campaigns.organizationId, organizationId), inArray(campaigns.id, uuids(ids.campaign))),
          )
      : [],
    ids.key.size
      ? db
          .select({ id: apiKeys.id, name: apiKeys.name })
          .from(apiKeys)
          .where(and(eq(apiKeys.organizationId, organizationId), inArray(apiKeys.id, uuids(ids.key))))
      : [],
  ]);
  return {
    identities: new Map(people.map((p) => [p.id, { displayName: p.displayName, externalId: p.externalId }])),
    users: new Map(members.map((u) => [u.id, { email: u.email, name: u.name }])),
    campaigns: new Map(named.map((c) => [c.id, c.name])),
    apiKeys: new Map(keys.map((k) => [k.id, k.name])),
  };
}
