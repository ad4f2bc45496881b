import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { approvalRequests, auditEvents, identities } from "@/db/schema";
import { createApprovalRequest } from "@/lib/approvals/create";
import { listDecidedRequests } from "@/lib/approvals/decided";
import { issueUploadLink } from "@/lib/links/service";
import { TEMPLATE_MODEL } from "@/lib/portrait";
import { frontalJpeg } from "@/test/photos";
import { call, makeOrgWithKey } from "@/test/api";
import { databaseForFile } from "@/test/database-for-file";
import { addIdentity, uncheckedReport } from "@/test/fixtures";
import { GET as list } from "./route";
import { POST as approve } from "./[id]/approve/route";
import { POST as reject } from "./[id]/reject/route";
import { POST as search } from "../search/route";
import { PUT as putPortrait } from "../identities/[id]/portrait/route";

const handle = databaseForFile();

/** A pending request filed directly (the upload flow itself is tested elsewhere). */
async function pending(db: Db, org: Awaited<ReturnType<typeof makeOrgWithKey>>, externalId: string) {
  const identity = await addIdentity(db, org, {
    externalId,
    displayName: `Person ${externalId}`,
  });
  const link = await issueUploadLink(db, org.organizationId, org.actor, identity.id, {
    requireApproval: true,
  });
  const requestId = await createApprovalRequest(db, {
    organizationId: org.organizationId,
    identityId: identity.id,
    uploadLinkId: link.linkId,
    image: Buffer.from("jpeg"),
    thumbnail: Buffer.from("webp"),
    template: Array.from({ length: 128 }, (_, i) => Math.sin(i)),
    templateModel: TEMPLATE_MODEL,
    qualityReport: uncheckedReport({ qualityChecked: true }),
    conditions: { storeImage: true, qualityCheck: true, requireApproval: true },
  });
  return { identity, requestId };
}

describe("approvals API", () => {
  it("lists, approves once (409 the second time), rejects, all within the key's organization", async () => {
    const { db } = handle;
    const a = await makeOrgWithKey(db);
    const b = await makeOrgWithKey(db);
    const first = await pending(db, a, "AP-1");
    const second = await pending(db, a, "AP-2");

    const listed = await call(list, "GET", "/api/v1/approvals", { key: a.key, query: { status: "pending" } });
    expect(listed.status).toBe(200);
    expect((listed.json!.items as { id: string }[]).map((i) => i.id)).toEqual([
      first.requestId,
      second.requestId,
    ]);
    expect(listed.json!.items[0]).toMatchObject({
      externalId: "AP-1",
      conditions: { requireApproval: true },
      searchable: true,
    });

    // Organization B sees nothing and decides nothing.
    expect((await call(list, "GET", "/api/v1/approvals", { key: b.key })).json!.items).toEqual([]);
    expect((await call(approve, "POST", "/", { key: b.key, params: { id: first.requestId } })).status).toBe(
      404,
    );
    expect((await call(reject, "POST", "/", { key: b.key, params: { id: second.requestId } })).status).toBe(
      404,
    );
    const stillPending = await db
      .select({ status: approvalRequests.status })
      .from(approvalRequests)
      .where(eq(approvalRequests.organizationId, a.organizationId));
    expect(stillPending.map((r) => r.status)).toEqual(["pending", "pending"]);

    const approved = await call(approve, "POST", "/", { key: a.key, params: { id: first.requestId } });
    expect(approved.status).toBe(200);
    expect(approved.json).toEqual({ id: first.requestId, identityId: first.identity.id, status: "approved" });
    const [identity] = await db
      .select({ current: identities.currentPortraitId })
      .from(identities)
      .where(eq(identities.id, first.identity.id));
    expect(identity!.current).not.toBeNull();
    const twice = await call(reject, "POST", "/", { key: a.key, params: { id: first.requestId } });
    expect(twice.status).toBe(409);
    expect(twice.json!.code).toBe("ALREADY_DECIDED");

    const rejected = await call(reject, "POST", "/", { key: a.key, params: { id: second.requestId } });
    expect(rejected.json).toMatchObject({ status: "rejected" });
    expect((await call(approve, "POST", "/", { key: a.key, params: { id: second.requestId } })).status).toBe(
      409,
    );
    expect((await call(approve, "POST", "/", { key: a.key, params: { id: "not-a-uuid" } })).status).toBe(400);

    const decidedList = await call(list, "GET", "/api/v1/approvals", {
      key: a.key,
      query: { status: "approved" },
    });
    expect((decidedList.json!.items as { id: string }[]).map((i) => i.id)).toEqual([first.requestId]);
    const audit = await db
      .select({ action: auditEvents.action, actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.organizationId, a.organizationId), eq(auditEvents.targetType, "approval_request")),
      );
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: "approval.approved", actorId: a.keyId },
        { action: "approval.rejected", actorId: a.keyId },
      ]),
    );
  });
});

describe("reject API with a reason", () => {
  it("keeps the reason and note the console would, shows them in history, refuses what the console refuses", async () => {
    const { db } = handle;
    const a = await makeOrgWithKey(db);
    const first = await pending(db, a, "RR-1");
    const second = await pending(db, a, "RR-2");
    const at = (requestId: string, json: unknown) =>
      call(reject, "POST", "/", { key: a.key, params: { id: requestId }, json });

    // The console's limits: a code from its list, a note of at most 500 characters; nothing is decided.
    const unknown = await at(first.requestId, { reason: "UGLY" });
    expect(unknown.status).toBe(422);
    expect(unknown.json!.code).toBe("VALIDATION_FAILED");
    expect(unknown.json!.errors[0].pointer).toBe("/reason");
    const long = await at(first.requestId, { reason: "OTHER", note: "x".repeat(501) });
    expect(long.status).toBe(422);
    expect(long.json!.errors[0].pointer).toBe("/note");
    expect((await at(first.requestId, { reason: "OTHER", extra: 1 })).status).toBe(422);
    const notJson = await call(reject, "POST", "/", {
      key: a.key,
      params: { id: first.requestId },
      body: "reason=OTHER",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(notJson.status).toBe(415);

    const rejected = await at(first.requestId, { reason: "FACE_COVERED", note: "  Sunglasses on.  " });
    expect(rejected.status).toBe(200);
    expect(rejected.json).toMatchObject({ status: "rejected" });
    const history = await listDecidedRequests(db, a.organizationId, first.identity.id);
    expect(history).toEqual([
      expect.objectContaining({ status: "rejected", reason: "FACE_COVERED", note: "Sunglasses on." }),
    ]);

    // No body at all still rejects, as it did before the reason existed.
    const bare = await call(reject, "POST", "/", { key: a.key, params: { id: second.requestId } });
    expect(bare.status).toBe(200);
    expect(await listDecidedRequests(db, a.organizationId, second.identity.id)).toEqual([
      expect.objectContaining({ status: "rejected", reason: null, note: null }),
    ]);
  });
});

describe("search API", () => {
  it("finds the identity whose portrait matches, only in the key's organization", async () => {
    const { db } = handle;
    const a = await makeOrgWithKey(db);
    const b = await makeOrgWithKey(db);
    const identity = await addIdentity(db, a, { externalId: "S-1", displayName: "Searchable" });
    const photo = new Uint8Array(await frontalJpeg());
    const form = () => {
      const f = new FormData();
      f.append("image", new Blob([photo], { type: "image/jpeg" }));
      f.append("limit", "3");
      return f;
    };
    expect(
      (await call(putPortrait, "PUT", "/", { key: a.key, params: { id: identity.id }, body: form() })).status,
    ).toBe(200);
    const found = await call(search, "POST", "/api/v1/search", { key: a.key, body: form() });
    expect(found.status).toBe(200);
    expect(found.json!.matches[0]).toMatchObject({
      identityId: identity.id,
      externalId: "S-1",
      samePerson: true,
    });
    const elsewhere = await call(search, "POST", "/api/v1/search", { key: b.key, body: form() });
    expect(elsewhere.json).toEqual({ matches: [] });
    const text = await call(search, "POST", "/api/v1/search", {
      key: a.key,
      body: "image",
      headers: { "Content-Type": "text/plain" },
    });
    expect(text.status).toBe(415);
  });
});
