import { describe, expect, it } from "vitest";
import { databaseForFile } from "@/test/database-for-file";
import { makeOrgUser } from "@/test/fixtures";
import { createIdentity, deleteIdentity, getIdentity, listIdentities, updateIdentity } from "./service";

const handle = databaseForFile();

describe("identities", () => {
  it("creates, finds by id and by ext:, updates and deletes", async () => {
    const { db } = handle;
    const a = await makeOrgUser(db);
    const created = await createIdentity(db, a.organizationId, a.actor, {
      externalId: "E-1",
      displayName: "Ada Lovelace",
    });
    expect(created.externalId).toBe("E-1");
    expect((await getIdentity(db, a.organizationId, "ext:E-1")).id).toBe(created.id);
    const updated = await updateIdentity(db, a.organizationId, a.actor, created.id, {
      displayName: "Ada King",
    });
    expect(updated.displayName).toBe("Ada King");
    await deleteIdentity(db, a.organizationId, a.actor, created.id);
    await expect(getIdentity(db, a.organizationId, created.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a duplicate external ID with a field error, and keeps the first", async () => {
    const { db } = handle;
    const a = await makeOrgUser(db);
    await createIdentity(db, a.organizationId, a.actor, { externalId: "dup", displayName: "One" });
    await expect(
      createIdentity(db, a.organizationId, a.actor, { externalId: "dup", displayName: "Two" }),
    ).rejects.toMatchObject({
      code: "EXTERNAL_ID_TAKEN",
      status: 409,
      fieldErrors: { externalId: expect.any(Array) },
    });
    const page = await listIdentities(db, a.organizationId);
    expect(page.items.map((i) => i.displayName)).toEqual(["One"]);
  });

  it("allows the same external ID in another organization, and never crosses organizations", async () => {
    const { db } = handle;
    const a = await makeOrgUser(db);
    const b = await makeOrgUser(db);
    const inA = await createIdentity(db, a.organizationId, a.actor, {
      externalId: "same",
      displayName: "In A",
    });
    await createIdentity(db, b.organizationId, b.actor, { externalId: "same", displayName: "In B" });
    await expect(getIdentity(db, b.organizationId, inA.id)).rejects.toMatchObject({ status: 404 });
    await expect(
      updateIdentity(db, b.organizationId, b.actor, inA.id, { displayName: "hacked" }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(deleteIdentity(db, b.organizationId, b.actor, inA.id)).rejects.toMatchObject({
      status: 404,
    });
    expect((await getIdentity(db, a.organizationId, inA.id)).displayName).toBe("In A");
    expect((await listIdentities(db, b.organizationId)).items.map((i) => i.displayName)).toEqual(["In B"]);
  });

  it("pages with a keyset cursor without gaps or repeats, and searches by name and external ID", async () => {
    const { db } = handle;
    const a = await makeOrgUser(db);
    for (let i = 0; i < 25; i++) {
      await createIdentity(db, a.organizationId, a.actor, {
        externalId: `X${String(i).padStart(3, "0")}`,
        displayName: i % 2 ? `Person ${i}` : `person ${i}`,
      });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listIdentities(db, a.organizationId, { limit: 7, cursor });
      seen.push(...page.items.map((i) => i.externalId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect((await listIdentities(db, a.organizationId, { q: "PERSON 1" })).items).toHaveLength(11);
    expect(
      (await listIdentities(db, a.organizationId, { q: "x007" })).items.map((i) => i.displayName),
    ).toEqual(["Person 7"]);
    expect((await listIdentities(db, a.organizationId, { q: "%" })).items).toHaveLength(0);
    expect((await listIdentities(db, a.organizationId, { filter: "no_portrait" })).items.length).toBe(25);
    expect((await listIdentities(db, a.organizationId, { filter: "link_active" })).items.length).toBe(0);
  });

  it("rejects a forged cursor with a clear 400", async () => {
    const { db } = handle;
    const a = await makeOrgUser(db);
    await expect(listIdentities(db, a.organizationId, { cursor: "not-a-cursor" })).rejects.toMatchObject({
      code: "INVALID_CURSOR",
      status: 400,
    });
  });
});
