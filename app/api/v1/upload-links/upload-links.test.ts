import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { uploadLinks } from "@/db/schema";
import { call, orgWithKeyAndPeople, postTo, storedIdempotencyRow } from "@/test/api";
import { databaseForFile } from "@/test/database-for-file";
import { addIdentity, auditEventsOf } from "@/test/fixtures";
import { POST as issueLinks } from "./route";
import { DELETE as revokeLink } from "./[identityId]/route";

const handle = databaseForFile();
const issue = postTo(issueLinks, "/api/v1/upload-links");

const orgWithIdentities = (db: Db, count: number) =>
  orgWithKeyAndPeople(db, count, (i) => ({ externalId: `P-${i}`, displayName: `Person ${i}` }));

const linksOf = (db: Db, organizationId: string) =>
  db
    .select({
      identityId: uploadLinks.identityId,
      revokedAt: uploadLinks.revokedAt,
      usedAt: uploadLinks.usedAt,
    })
    .from(uploadLinks)
    .where(eq(uploadLinks.organizationId, organizationId));

const activeLinksOf = async (db: Db, organizationId: string) =>
  (await linksOf(db, organizationId)).filter((l) => !l.revokedAt && !l.usedAt);

describe("POST /api/v1/upload-links", () => {
  it("issues links by id and by external ID, in request order, audited under the key", async () => {
    const { db } = handle;
    const a = await orgWithIdentities(db, 3);
    const response = await issue(a.key, {
      identities: [{ externalId: "P-2" }, { id: a.people[0]!.id }, { id: a.people[1]!.id.toUpperCase() }],
      options: { storeImage: false, qualityCheck: true, requireApproval: true },
      expiresInHours: 2,
    });
    expect(response.status).toBe(201);
    const links = response.json!.links as {
      identityId: string;
      externalId: string;
      url: string;
      expiresAt: string;
    }[];
    expect(links.map((l) => l.externalId)).toEqual(["P-2", "P-0", "P-1"]);
    expect(links[0]!.url).toMatch(/\/upload\/upl_[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(links[0]!.expiresAt) - Date.now()).toBeGreaterThan(3_500_000);
    expect(Date.parse(links[0]!.expiresAt) - Date.now()).toBeLessThan(7_300_000);
    const audit = await auditEventsOf(db, a.organizationId, "upload_link.issued");
    expect(audit).toHaveLength(3);
    expect(
      audit.every(
        (e) => e.actorType === "api_key" && e.actorId === a.keyId && e.actorLabel!.includes("test key"),
      ),
    ).toBe(true);
    // Issuing again replaces: still one active link per identity.
    await issue(a.key, { identities: [{ externalId: "P-2" }] });
    expect(await activeLinksOf(db, a.organizationId)).toHaveLength(3);
  });

  it("is all or nothing: one unknown identity (or one of another organization) creates nothing and is named by index", async () => {
    const { db } = handle;
    const a = await orgWithIdentities(db, 3);
    const b = await orgWithIdentities(db, 1);
    const items = [
      { id: a.people[0]!.id },
      { externalId: "NOPE" },
      { id: a.people[1]!.id },
      { id: b.people[0]!.id },
      { id: a.people[0]!.id },
    ];
    const response = await issue(a.key, { identities: items });
    expect(response.status).toBe(422);
    expect(response.json!.code).toBe("IDENTITY_NOT_FOUND");
    expect(response.json!.errors).toEqual([
      expect.objectContaining({ index: 1, pointer: "/identities/1", code: "IDENTITY_NOT_FOUND" }),
      expect.objectContaining({ index: 3, pointer: "/identities/3", code: "IDENTITY_NOT_FOUND" }),
      expect.objectContaining({ index: 4, code: "DUPLICATE_IDENTITY" }),
    ]);
    expect(await linksOf(db, a.organizationId)).toHaveLength(0);
    expect(await linksOf(db, b.organizationId)).toHaveLength(0);
  });

  it("refuses empty and over-1000 batches and malformed items with 422, creating nothing", async () => {
    const { db } = handle;
    const a = await orgWithIdentities(db, 1);
    const tooMany = Array.from({ length: 1001 }, () => ({ id: a.people[0]!.id }));
    for (const identities of [
      [],
      tooMany,
      [{ id: a.people[0]!.id }, { id: "not-a-uuid" }],
      [{ id: a.people[0]!.id, externalId: "P-0" }],
    ]) {
      const response = await issue(a.key, { identities });
      expect(response.status).toBe(422);
      expect(response.json!.code).toBe("VALIDATION_FAILED");
    }
    const bad = await issue(a.key, { identities: [{ id: a.people[0]!.id }, { id: "x" }] });
    expect(bad.json!.errors).toEqual([
      expect.objectContaining({ index: 1, pointer: expect.stringMatching(/^\/identities\/1/) }),
    ]);
    expect(await linksOf(db, a.organizationId)).toHaveLength(0);
  });

  describe("Idempotency-Key", () => {
    it("replays the first response for the same key and body, issuing and revoking nothing more", async () => {
      const { db } = handle;
      const a = await orgWithIdentities(db, 2);
      const json = { identities: [{ externalId: "P-0" }, { externalId: "P-1" }] };
      const headers = { "Idempotency-Key": "batch-2024-001" };
      const first = await issue(a.key, json, headers);
      const again = await issue(a.key, { identities: json.identities }, headers);
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.text).toBe(first.text);
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      const all = await linksOf(db, a.organizationId);
      expect(all).toHaveLength(2);
      expect(all.every((l) => l.revokedAt === null)).toBe(true);
      // The stored reply holds no usable token: the URLs are encrypted and the key itself is hashed.
      expect(await storedIdempotencyRow(db, a.organizationId)).not.toMatch(/upl_|batch-2024-001/);
    });

    it("answers 422 when the key is reused with another body, and creates nothing", async () => {
      const { db } = handle;
      const a = await orgWithIdentities(db, 2);
      const headers = { "Idempotency-Key": "reused" };
      expect((await issue(a.key, { identities: [{ externalId: "P-0" }] }, headers)).status).toBe(201);
      const other = await issue(a.key, { identities: [{ externalId: "P-1" }] }, headers);
      expect(other.status).toBe(422);
      expect(other.json!.code).toBe("IDEMPOTENCY_KEY_REUSED");
      expect(await linksOf(db, a.organizationId)).toHaveLength(1);
    });

    it("lets two concurrent requests with one key produce one set of links", async () => {
      const { db } = handle;
      const a = await orgWithIdentities(db, 20);
      const json = { identities: a.people.map((p) => ({ id: p.id })) };
      const headers = { "Idempotency-Key": "concurrent" };
      const results = await Promise.all([1, 2, 3].map(() => issue(a.key, json, headers)));
      const succeeded = results.filter((r) => r.status === 201);
      expect(succeeded.length).toBeGreaterThanOrEqual(1);
      for (const r of results) expect([201, 409]).toContain(r.status);
      for (const r of succeeded) expect(r.text).toBe(succeeded[0]!.text);
      expect(await linksOf(db, a.organizationId)).toHaveLength(20);
      expect(await activeLinksOf(db, a.organizationId)).toHaveLength(20);
    });

    it("is scoped per organization: the same key value in another organization is processed on its own", async () => {
      const { db } = handle;
      const a = await orgWithIdentities(db, 1);
      const b = await orgWithIdentities(db, 1);
      const headers = { "Idempotency-Key": "shared-value" };
      const json = { identities: [{ externalId: "P-0" }] };
      const fromA = await issue(a.key, json, headers);
      const fromB = await issue(b.key, json, headers);
      expect(fromB.status).toBe(201);
      expect(fromB.headers.get("idempotent-replayed")).toBeNull();
      expect(fromB.json!.links[0].identityId).toBe(b.people[0]!.id);
      expect(fromB.text).not.toBe(fromA.text);
      expect(await linksOf(db, b.organizationId)).toHaveLength(1);
    });

    it("does not keep failures: after a 422 the same key may be retried", async () => {
      const { db } = handle;
      const a = await orgWithIdentities(db, 1);
      const headers = { "Idempotency-Key": "retry-after-fix" };
      const json = { identities: [{ externalId: "LATER" }] };
      expect((await issue(a.key, json, headers)).status).toBe(422);
      await addIdentity(db, a, { externalId: "LATER", displayName: "Later" });
      expect((await issue(a.key, json, headers)).status).toBe(201);
    });

    it("rejects an invalid key value with 400", async () => {
      const { db } = handle;
      const a = await orgWithIdentities(db, 1);
      const response = await issue(
        a.key,
        { identities: [{ externalId: "P-0" }] },
        { "Idempotency-Key": "x".repeat(300) },
      );
      expect(response.status).toBe(400);
      expect(await linksOf(db, a.organizationId)).toHaveLength(0);
    });
  });
});

describe("DELETE /api/v1/upload-links/{identityId}", () => {
  it("revokes the active link once, by id or ext:, and never another organization's", async () => {
    const { db } = handle;
    const a = await orgWithIdentities(db, 2);
    const b = await orgWithIdentities(db, 0);
    await issue(a.key, { identities: [{ externalId: "P-0" }, { externalId: "P-1" }] });
    const cross = await call(revokeLink, "DELETE", "/", {
      key: b.key,
      params: { identityId: a.people[0]!.id },
    });
    expect(cross.status).toBe(404);
    expect(await activeLinksOf(db, a.organizationId)).toHaveLength(2);
    expect(
      (await call(revokeLink, "DELETE", "/", { key: a.key, params: { identityId: a.people[0]!.id } })).status,
    ).toBe(204);
    expect(
      (await call(revokeLink, "DELETE", "/", { key: a.key, params: { identityId: "ext:P-1" } })).status,
    ).toBe(204);
    const again = await call(revokeLink, "DELETE", "/", {
      key: a.key,
      params: { identityId: a.people[0]!.id },
    });
    expect(again.status).toBe(404);
    expect(again.json!.code).toBe("NO_ACTIVE_LINK");
    expect(await activeLinksOf(db, a.organizationId)).toHaveLength(0);
    const audit = await auditEventsOf(db, a.organizationId, "upload_link.revoked");
    expect(audit.map((e) => e.actorId)).toEqual([a.keyId, a.keyId]);
  });
});
