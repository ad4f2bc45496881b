import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { approvalRequests, auditEvents, identities, portraits, uploadLinks } from "@/db/schema";
import type { LinkConditionsInput } from "@/lib/links/schemas";
import { issueUploadLink } from "@/lib/links/service";
import { addIdentity, makeOrgUser } from "./fixtures";

let counter = 0;

/** An organization with one identity and an upload link for it. */
export async function orgWithLink(db: Db, conditions: LinkConditionsInput = {}) {
  const org = await makeOrgUser(db);
  const identity = await addIdentity(db, org, {
    externalId: `P-${++counter}`,
    displayName: `Person ${counter}`,
  });
  const link = await issueUploadLink(db, org.organizationId, org.actor, identity.id, conditions);
  const token = link.url.split("/upload/")[1]!;
  return { org, identity, link, token };
}

/** Everything stored about one identity, to assert "nothing changed" and "no image bytes remain". */
export async function snapshotIdentity(db: Db, identityId: string) {
  const [identity] = await db
    .select({ current: identities.currentPortraitId })
    .from(identities)
    .where(eq(identities.id, identityId));
  const portraitRows = await db
    .select({
      id: portraits.id,
      image: sql<number>`octet_length(${portraits.image})`,
      thumbnail: sql<number>`octet_length(${portraits.thumbnail})`,
      hasTemplate: sql<boolean>`${portraits.template} is not null`,
      searchable: portraits.searchable,
    })
    .from(portraits)
    .where(eq(portraits.identityId, identityId));
  const requestRows = await db
    .select({
      id: approvalRequests.id,
      status: approvalRequests.status,
      image: sql<number>`octet_length(${approvalRequests.image})`,
      thumbnail: sql<number>`octet_length(${approvalRequests.thumbnail})`,
    })
    .from(approvalRequests)
    .where(eq(approvalRequests.identityId, identityId));
  const links = await db
    .select({ id: uploadLinks.id, usedAt: uploadLinks.usedAt, revokedAt: uploadLinks.revokedAt })
    .from(uploadLinks)
    .where(eq(uploadLinks.identityId, identityId));
  const audit = await db
    .select({ id: auditEvents.id, action: auditEvents.action })
    .from(auditEvents)
    .where(eq(auditEvents.targetId, identityId));
  return { current: identity?.current ?? null, portraits: portraitRows, requests: requestRows, links, audit };
}
