import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, identities } from "@/db/schema";
import { frontalJpeg } from "@/test/photos";
import { call, makeOrgWithKey, postTo } from "@/test/api";
import { databaseForFile } from "@/test/database-for-file";
import { auditEventsOf } from "@/test/fixtures";
import { GET as list, POST as create } from "./route";
import { DELETE as remove, GET as get, PATCH as patch } from "./[id]/route";
import { PUT as putPortrait } from "./[id]/portrait/route";

const handle = databaseForFile();
const createWith = postTo(create, "/api/v1/identities");

/** The fixture as a plain Uint8Array (what Blob and fetch bodies are typed to take). */
const photo = async () => new Uint8Array(await frontalJpeg());

const multipart = (fields: Record<string, string | Blob>) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
};

describe("identities API", () => {
  it("creates, reads by id and ext:, changes, pages and deletes, each audited under the key", async () => {
    const { db } = handle;
    const a = await makeOrgWithKey(db);
    const created = await createWith(a.key, {
      externalId: "EMP-1",
      displayName: "Grace Hopper",
      email: "GRACE@example.com",
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/v1/identities/${created.json!.id}`);
    expect(created.json).toMatchObject({
      externalId: "EMP-1",
      email: "grace@example.com",
      portrait: null,
      activeLinkExpiresAt: null,
    });
    const id = created.json!.id as string;
    expect((await call(get, "GET", "/", { key: a.key, params: { id: "ext:EMP-1" } })).json!.id).toBe(id);
    const changed = await call(patch, "PATCH", "/", {
      key: a.key,
      params: { id },
      json: { displayName: "Rear Admiral Hopper", email: null },
    });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({
      displayName: "Rear Admiral Hopper",
      email: null,
      externalId: "EMP-1",
    });
    const duplicate = await createWith(a.key, { externalId: "EMP-1", displayName: "Again" });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json).toMatchObject({ code: "EXTERNAL_ID_TAKEN", errors: [{ pointer: "/externalId" }] });

    for (const name of ["Alan Turing", "Barbara Liskov", "Claude Shannon"]) {
      await createWith(a.key, { externalId: name.split(" ")[1]!, displayName: name });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await call(list, "GET", "/api/v1/identities", {
        key: a.key,
        query: { limit: "2", ...(cursor ? { cursor } : {}) },
      });
      expect(page.status).toBe(200);
      seen.push(...(page.json!.items as { displayName: string }[]).map((i) => i.displayName));
      cursor = page.json!.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual(["Alan Turing", "Barbara Liskov", "Claude Shannon", "Rear Admiral Hopper"]);
    const search = await call(list, "GET", "/api/v1/identities", { key: a.key, query: { q: "lisk" } });
    expect((search.json!.items as unknown[]).length).toBe(1);
    const badCursor = await call(list, "GET", "/api/v1/identities", {
      key: a.key,
      query: { cursor: "garbage" },
    });
    expect(badCursor.status).toBe(400);

    expect((await call(remove, "DELETE", "/", { key: a.key, params: { id: "ext:EMP-1" } })).status).toBe(204);
    expect((await call(get, "GET", "/", { key: a.key, params: { id } })).status).toBe(404);
    const audit = await db
      .select({ action: auditEvents.action, actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, a.organizationId), eq(auditEvents.targetId, id)));
    expect(audit.map((e) => e.action)).toEqual(["identity.created", "identity.updated", "identity.deleted"]);
    expect(audit.every((e) => e.actorId === a.keyId)).toBe(true);
  });

  it("never lets a key of one organization see or change another's identities", async () => {
    const { db } = handle;
    const a = await makeOrgWithKey(db);
    const b = await makeOrgWithKey(db);
    const inA = (await createWith(a.key, { externalId: "SAME", displayName: "Only In A" })).json!;
    for (const ref of [inA.id as string, "ext:SAME"]) {
      expect((await call(get, "GET", "/", { key: b.key, params: { id: ref } })).status).toBe(404);
      expect(
        (
          await call(patch, "PATCH", "/", {
            key: b.key,
            params: { id: ref },
            json: { displayName: "hacked" },
          })
        ).status,
      ).toBe(404);
      expect((await call(remove, "DELETE", "/", { key: b.key, params: { id: ref } })).status).toBe(404);
      const upload = await call(putPortrait, "PUT", "/", {
        key: b.key,
        params: { id: ref },
        body: multipart({ image: new Blob([await photo()], { type: "image/jpeg" }) }),
      });
      expect(upload.status).toBe(404);
    }
    const listed = await call(list, "GET", "/api/v1/identities", { key: b.key, query: { q: "Only In A" } });
    expect(listed.json!.items).toEqual([]);
    const [row] = await db
      .select({ displayName: identities.displayName, portrait: identities.currentPortraitId })
      .from(identities)
      .where(eq(identities.id, inA.id as string));
    expect(row).toEqual({ displayName: "Only In A", portrait: null });
  });
});

describe("PUT /api/v1/identities/{id}/portrait", () => {
  it("applies an accepted photo, and answers a bad file with the quality report and no change", async () => {
    const { db } = handle;
    const a = await makeOrgWithKey(db);
    const identity = (await createWith(a.key, { externalId: "PH-1", displayName: "Photo Person" })).json!;
    const params = { id: identity.id as string };

    const notMultipart = await call(putPortrait, "PUT", "/", {
      key: a.key,
      params,
      body: await photo(),
      headers: { "Content-Type": "image/jpeg" },
    });
    expect(notMultipart.status).toBe(415);
    const garbage = await call(putPortrait, "PUT", "/", {
      key: a.key,
      params,
      body: multipart({ image: new Blob([Buffer.from("definitely not an image")]) }),
    });
    expect(garbage.status).toBe(415);
    expect(garbage.json).toMatchObject({ code: "UNSUPPORTED_FORMAT", report: { accepted: false } });
    const missing = await call(putPortrait, "PUT", "/", {
      key: a.key,
      params,
      body: multipart({ storeImage: "false" }),
    });
    expect(missing.status).toBe(422);
    expect((await call(get, "GET", "/", { key: a.key, params })).json!.portrait).toBeNull();

    const accepted = await call(putPortrait, "PUT", "/", {
      key: a.key,
      params: { id: "ext:PH-1" },
      body: multipart({ image: new Blob([await photo()], { type: "image/jpeg" }), storeImage: "false" }),
    });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({
      identityId: identity.id,
      searchable: true,
      imageStored: false,
      report: { accepted: true },
    });
    const after = (await call(get, "GET", "/", { key: a.key, params })).json!;
    expect(after.portrait).toEqual({ id: accepted.json!.portraitId, searchable: true, hasImage: false });
    const [audit] = await auditEventsOf(db, a.organizationId, "portrait.uploaded");
    expect(audit).toMatchObject({ actorId: a.keyId, actorType: "api_key" });
  });
});
