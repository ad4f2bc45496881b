import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { approvalRequests, auditEvents, portraits } from "@/db/schema";
import { deleteIdentity } from "@/lib/identities/service";
import { issueUploadLink } from "@/lib/links/service";
import { frontalJpeg } from "@/test/photos";
import { submitSelfRegistration } from "@/lib/uploads/self-registration";
import { databaseForFile } from "@/test/database-for-file";
import { addIdentity, makeOrgUser, type OrgActor } from "@/test/fixtures";
import { orgWithLink, snapshotIdentity } from "@/test/flow";
import { listDecidedRequests } from "./decided";
import { findLikelyDuplicates } from "./duplicates";
import { countPendingApprovals, decideApproval, getApprovalDetail, listApprovals } from "./service";

const handle = databaseForFile();
let ip = 0;

async function pendingRequest(conditions: { storeImage?: boolean } = {}) {
  const setup = await orgWithLink(handle.db, { requireApproval: true, ...conditions });
  await submitSelfRegistration(handle.db, setup.token, await frontalJpeg(), `10.20.0.${++ip}`);
  const { items } = await listApprovals(handle.db, setup.org.organizationId);
  expect(items).toHaveLength(1);
  return { ...setup, requestId: items[0]!.id };
}

/** The person behind a new approval-required link of the identity sends the frontal photo. */
async function sendForApproval(org: OrgActor, identityId: string) {
  const link = await issueUploadLink(handle.db, org.organizationId, org.actor, identityId, {
    requireApproval: true,
  });
  await submitSelfRegistration(
    handle.db,
    link.url.split("/upload/")[1]!,
    await frontalJpeg(),
    `10.21.0.${++ip}`,
  );
}

const decisionAudits = (orgId: string, requestId: string) =>
  handle.db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.organizationId, orgId),
        eq(auditEvents.targetId, requestId),
        sql`${auditEvents.action} like 'approval.%'`,
      ),
    );

describe("approvals", () => {
  it("lists the pending request with its conditions and quality, and counts it", async () => {
    const { org, requestId, identity } = await pendingRequest({ storeImage: false });
    const { items } = await listApprovals(handle.db, org.organizationId);
    expect(items[0]).toMatchObject({
      id: requestId,
      identityId: identity.id,
      conditions: { storeImage: false, requireApproval: true },
      quality: { checked: true, accepted: true },
      hasThumbnail: true,
    });
    expect(await countPendingApprovals(handle.db, org.organizationId)).toBe(1);
    const detail = await getApprovalDetail(handle.db, org.organizationId, requestId);
    expect(detail.currentPortrait).toBeNull();
    expect(detail.possibleDuplicates).toEqual([]);
  });

  it("approving a 'do not store' upload applies the template and leaves no image bytes", async () => {
    const { org, requestId, identity } = await pendingRequest({ storeImage: false });
    const result = await decideApproval(handle.db, org.organizationId, org.actor, requestId, "approve");
    expect(result.status).toBe("approved");
    const after = await snapshotIdentity(handle.db, identity.id);
    expect(after.current).toBe(after.portraits[0]!.id);
    expect(after.portraits).toEqual([
      expect.objectContaining({ image: null, thumbnail: null, hasTemplate: true }),
    ]);
    expect(after.requests).toEqual([
      expect.objectContaining({ status: "approved", image: null, thumbnail: null }),
    ]);
    const [p] = await handle.db
      .select({ approvedBy: portraits.approvedByUserId, source: portraits.source })
      .from(portraits)
      .where(eq(portraits.identityId, identity.id));
    expect(p).toEqual({ approvedBy: org.userId, source: "self_registration" });
    expect(await countPendingApprovals(handle.db, org.organizationId)).toBe(0);
  });

  it("rejecting keeps the request as the record (reason, who, when) without its photo, and leaves the identity unchanged", async () => {
    const { org, requestId, identity } = await pendingRequest();
    const before = await snapshotIdentity(handle.db, identity.id);
    await decideApproval(
      handle.db,
      org.organizationId,
      org.actor,
      requestId,
      "reject",
      "NOT_THE_PERSON",
      "Looks like her sister",
    );
    const after = await snapshotIdentity(handle.db, identity.id);
    expect(after.current).toBe(before.current);
    expect(after.portraits).toEqual(before.portraits);
    expect(after.requests).toEqual([{ id: requestId, status: "rejected", image: null, thumbnail: null }]);
    const [held] = await handle.db
      .select({ template: approvalRequests.template })
      .from(approvalRequests)
      .where(eq(approvalRequests.id, requestId));
    expect(held!.template).toBeNull();
    const history = await listDecidedRequests(handle.db, org.organizationId, identity.id);
    expect(history).toEqual([
      expect.objectContaining({
        id: requestId,
        status: "rejected",
        reason: "NOT_THE_PERSON",
        note: "Looks like her sister",
        decidedBy: org.email,
        decidedAt: expect.any(Date),
      }),
    ]);
    // Another organization never sees it.
    const other = await makeOrgUser(handle.db);
    expect(await listDecidedRequests(handle.db, other.organizationId, identity.id)).toEqual([]);
    expect((await listApprovals(handle.db, org.organizationId, { status: "rejected" })).items).toEqual([
      expect.objectContaining({ id: requestId, status: "rejected" }),
    ]);
    await expect(
      decideApproval(handle.db, org.organizationId, org.actor, requestId, "approve"),
    ).rejects.toMatchObject({ code: "ALREADY_DECIDED", status: 409 });
  });

  it("approve racing reject: exactly one decision and one audit event, the other is told it was decided", async () => {
    for (let round = 0; round < 5; round++) {
      const { org, requestId } = await pendingRequest();
      const second = await makeOrgUser(handle.db, "reviewer", undefined);
      const results = await Promise.allSettled([
        decideApproval(handle.db, org.organizationId, org.actor, requestId, "approve"),
        decideApproval(
          handle.db,
          org.organizationId,
          { ...org.actor, id: second.userId },
          requestId,
          "reject",
        ),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toMatchObject({ code: "ALREADY_DECIDED", status: 409 });
      expect(await decisionAudits(org.organizationId, requestId)).toHaveLength(1);
    }
  });

  it("double approve in parallel applies once", async () => {
    const { org, requestId, identity } = await pendingRequest();
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        decideApproval(handle.db, org.organizationId, org.actor, requestId, "approve"),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await snapshotIdentity(handle.db, identity.id)).portraits).toHaveLength(1);
    expect(await decisionAudits(org.organizationId, requestId)).toHaveLength(1);
  });

  it("another organization can neither see nor decide the request", async () => {
    const { org, requestId, identity } = await pendingRequest();
    const other = await makeOrgUser(handle.db, "owner");
    expect((await listApprovals(handle.db, other.organizationId)).items).toEqual([]);
    await expect(getApprovalDetail(handle.db, other.organizationId, requestId)).rejects.toMatchObject({
      status: 404,
    });
    const before = await snapshotIdentity(handle.db, identity.id);
    await expect(
      decideApproval(handle.db, other.organizationId, other.actor, requestId, "approve"),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      decideApproval(handle.db, other.organizationId, other.actor, requestId, "reject"),
    ).rejects.toMatchObject({ status: 404 });
    expect(await snapshotIdentity(handle.db, identity.id)).toEqual(before);
    expect(await countPendingApprovals(handle.db, org.organizationId)).toBe(1);
  });

  it("the viewer shows similarity to the current portrait and duplicates among other identities", async () => {
    const { org, requestId, identity } = await pendingRequest();
    await decideApproval(handle.db, org.organizationId, org.actor, requestId, "approve");
    // The same face uploaded for a second identity of the organization is a possible duplicate.
    const twin = await addIdentity(handle.db, org, { externalId: "twin", displayName: "Twin" });
    await sendForApproval(org, twin.id);
    // And a new photo for the first identity compares with its current portrait.
    await sendForApproval(org, identity.id);
    const { items } = await listApprovals(handle.db, org.organizationId);
    const forTwin = items.find((i) => i.identityId === twin.id)!;
    const forFirst = items.find((i) => i.identityId === identity.id)!;
    const twinDetail = await getApprovalDetail(handle.db, org.organizationId, forTwin.id);
    expect(twinDetail.possibleDuplicates.map((d) => d.identityId)).toEqual([identity.id]);
    const firstDetail = await getApprovalDetail(handle.db, org.organizationId, forFirst.id);
    expect(firstDetail.similarityToCurrent).toMatchObject({ samePerson: true });
    expect(firstDetail.similarityToCurrent!.similarity).toBeGreaterThan(90);
    // Approving the twin's photo needs a confirmation; the first identity's own new photo does not.
    const needing = await findLikelyDuplicates(handle.db, org.organizationId, [forTwin.id, forFirst.id]);
    expect(needing).toEqual([
      {
        requestId: forTwin.id,
        displayName: "Twin",
        matches: [expect.objectContaining({ identityId: identity.id, similarity: expect.any(Number) })],
      },
    ]);
    expect(needing[0]!.matches[0]!.similarity).toBeGreaterThan(90);
    // Another organization's ids find nothing.
    const other = await makeOrgUser(handle.db);
    expect(await findLikelyDuplicates(handle.db, other.organizationId, [forTwin.id])).toEqual([]);
  });

  it("deleting an identity removes its requests, portraits and links", async () => {
    const { org, requestId, identity } = await pendingRequest();
    await decideApproval(handle.db, org.organizationId, org.actor, requestId, "approve");
    const again = await pendingRequest();
    await deleteIdentity(handle.db, org.organizationId, org.actor, identity.id);
    await deleteIdentity(handle.db, again.org.organizationId, again.org.actor, again.identity.id);
    for (const id of [identity.id, again.identity.id]) {
      const after = await snapshotIdentity(handle.db, id);
      expect(after.portraits).toEqual([]);
      expect(after.requests).toEqual([]);
      expect(after.links).toEqual([]);
    }
  });
});
