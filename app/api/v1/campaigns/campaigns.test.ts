import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { campaigns, uploadLinks } from "@/db/schema";
import { call, orgWithKeyAndPeople, postTo, storedIdempotencyRow } from "@/test/api";
import { databaseForFile } from "@/test/database-for-file";
import { GET as getOne } from "./[id]/route";
import { GET as members } from "./[id]/members/route";
import { POST as remind } from "./[id]/remind/route";
import { GET as list, POST as create } from "./route";

const handle = databaseForFile();
const start = postTo(create, "/api/v1/campaigns");

const orgWithPeople = (db: Db, count: number) =>
  orgWithKeyAndPeople(db, count, (i) => ({
    externalId: `API-${i}`,
    displayName: `Api Person ${i}`,
    email: i === 0 ? "first@example.test" : "",
  }));

const campaignsOf = (db: Db, organizationId: string) =>
  db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.organizationId, organizationId));

describe("/api/v1/campaigns", () => {
  it("creates (by identities or by search and filter), lists, reads counts, lists people by state and reminds", async () => {
    const { db } = handle;
    const a = await orgWithPeople(db, 3);
    const byRefs = await start(a.key, {
      name: "API wave",
      locale: "en",
      identities: [{ externalId: "API-2" }, { id: a.people[0]!.id }],
      options: { storeImage: false, qualityCheck: true, requireApproval: true },
      expiresInHours: 48,
    });
    expect(byRefs.status).toBe(201);
    const id = byRefs.json!.campaign.id as string;
    expect(byRefs.headers.get("location")).toBe(`/api/v1/campaigns/${id}`);
    expect(byRefs.json!.campaign).toMatchObject({
      name: "API wave",
      locale: "en",
      people: 2,
      options: { storeImage: false, qualityCheck: true, requireApproval: true },
      expiresInHours: 48,
    });
    expect(byRefs.json!.links.map((l: { externalId: string }) => l.externalId)).toEqual(["API-2", "API-0"]);
    expect(byRefs.json!.links[1]).toMatchObject({ email: "first@example.test", mailed: false });

    const byMatch = await start(a.key, {
      name: "Everyone without a portrait",
      match: { filter: "no_portrait" },
    });
    expect(byMatch.status).toBe(201);
    expect(byMatch.json!.campaign.people).toBe(3);
    // The second campaign's links replaced the first's: its page says so.
    expect(byMatch.json!.campaign.replacedOnCreate).toBe(2);

    const listed = await call(list, "GET", "/api/v1/campaigns", { key: a.key });
    expect(listed.json!.items.map((c: { id: string }) => c.id)).toEqual([byMatch.json!.campaign.id, id]);

    const detail = await call(getOne, "GET", `/api/v1/campaigns/${id}`, { key: a.key, params: { id } });
    expect(detail.status).toBe(200);
    expect(detail.json!.counts).toMatchObject({ issued: 2, replaced: 2, not_uploaded: 0, uploaded: 0 });
    const replaced = await call(members, "GET", `/api/v1/campaigns/${id}/members`, {
      key: a.key,
      params: { id },
      query: { state: "replaced" },
    });
    expect(replaced.json!.items.map((m: { externalId: string }) => m.externalId)).toEqual(["API-0", "API-2"]);

    const second = byMatch.json!.campaign.id as string;
    const reminded = await call(remind, "POST", `/api/v1/campaigns/${second}/remind`, {
      key: a.key,
      params: { id: second },
      json: {},
    });
    expect(reminded.status).toBe(201);
    expect(reminded.json!.links).toHaveLength(3);
    expect(reminded.json!.campaign.reminders).toBe(1);
  });

  it("replays a create with the same Idempotency-Key and body, refuses another body, and stores no token", async () => {
    const { db } = handle;
    const a = await orgWithPeople(db, 2);
    const headers = { "Idempotency-Key": "wave-2026-01" };
    const json = { name: "Once", identities: [{ externalId: "API-0" }, { externalId: "API-1" }] };
    const first = await start(a.key, json, headers);
    const again = await start(a.key, json, headers);
    expect(first.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const other = await start(a.key, { ...json, name: "Twice" }, headers);
    expect(other.status).toBe(422);
    expect(other.json!.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await campaignsOf(db, a.organizationId)).toHaveLength(1);
    expect(
      await db.select().from(uploadLinks).where(eq(uploadLinks.organizationId, a.organizationId)),
    ).toHaveLength(2);
    expect(await storedIdempotencyRow(db, a.organizationId)).not.toMatch(/upl_|wave-2026-01/);
  });

  it("refuses bad input with a clear 4xx and creates nothing", async () => {
    const { db } = handle;
    const a = await orgWithPeople(db, 1);
    const bad = async (json: unknown, code: string, status = 422) => {
      const response = await start(a.key, json);
      expect(response.status, JSON.stringify(response.json)).toBe(status);
      expect(response.json!.code).toBe(code);
    };
    await bad({ name: "x" }, "VALIDATION_FAILED");
    await bad({ name: "x", identities: [{ externalId: "API-0" }], match: {} }, "VALIDATION_FAILED");
    await bad({ name: "", identities: [{ externalId: "API-0" }] }, "VALIDATION_FAILED");
    await bad({ name: "a\u0000b", identities: [{ externalId: "API-0" }] }, "VALIDATION_FAILED");
    await bad({ name: "x", locale: "fr", identities: [{ externalId: "API-0" }] }, "VALIDATION_FAILED");
    await bad({ name: "x", identities: [{ externalId: "NOPE" }] }, "IDENTITY_NOT_FOUND");
    await bad({ name: "x", match: { q: "zzz-nobody" } }, "EMPTY_SELECTION");
    await bad({ name: "x", identities: [{ externalId: "API-0" }], email: true }, "EMAIL_NOT_CONFIGURED");
    expect(await campaignsOf(db, a.organizationId)).toHaveLength(0);
    const badState = await call(members, "GET", "/api/v1/campaigns/x/members", {
      key: a.key,
      params: { id: "not-a-uuid" },
      query: { state: "nope" },
    });
    expect(badState.status).toBe(400);
  });

  it("never crosses organizations", async () => {
    const { db } = handle;
    const a = await orgWithPeople(db, 1);
    const b = await orgWithPeople(db, 1);
    const created = await start(a.key, { name: "A's", identities: [{ id: a.people[0]!.id }] });
    const id = created.json!.campaign.id as string;
    for (const response of [
      await call(getOne, "GET", `/api/v1/campaigns/${id}`, { key: b.key, params: { id } }),
      await call(members, "GET", `/api/v1/campaigns/${id}/members`, { key: b.key, params: { id } }),
      await call(remind, "POST", `/api/v1/campaigns/${id}/remind`, { key: b.key, params: { id }, json: {} }),
    ]) {
      expect(response.status).toBe(404);
      expect(response.text).not.toContain("A's");
    }
    expect((await call(list, "GET", "/api/v1/campaigns", { key: b.key })).json!.items).toEqual([]);
    const foreign = await start(b.key, { name: "steal", identities: [{ id: a.people[0]!.id }] });
    expect(foreign.status).toBe(422);
    expect(await campaignsOf(db, b.organizationId)).toHaveLength(0);
    expect((await call(list, "GET", "/api/v1/campaigns", {})).status).toBe(401);
  });
});
