import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { createIdentity } from "@/lib/identities/service";
import { cartoonPng, darkJpeg, frontalJpeg } from "@/test/photos";
import { databaseForFile } from "@/test/database-for-file";
import { makeOrgUser } from "@/test/fixtures";
import { snapshotIdentity } from "@/test/flow";
import { uploadPortraitDirect } from "./direct";

const handle = databaseForFile();

async function identity() {
  const org = await makeOrgUser(handle.db);
  const created = await createIdentity(handle.db, org.organizationId, org.actor, {
    externalId: "D-1",
    displayName: "Direct",
  });
  return { org, id: created.id };
}

describe("direct portrait upload", () => {
  it("applies an accepted photo at once, keeps history, and writes an audit event naming the portrait", async () => {
    const { org, id } = await identity();
    const first = await uploadPortraitDirect(
      handle.db,
      org.organizationId,
      org.actor,
      id,
      await frontalJpeg(),
      { storeImage: true, qualityCheck: true },
    );
    const second = await uploadPortraitDirect(
      handle.db,
      org.organizationId,
      org.actor,
      id,
      await frontalJpeg(),
      { storeImage: false, qualityCheck: true },
    );
    const after = await snapshotIdentity(handle.db, id);
    expect(after.current).toBe(second.portraitId);
    expect(after.portraits).toHaveLength(2);
    expect(after.portraits.find((p) => p.id === first.portraitId)).toMatchObject({
      image: expect.any(Number),
    });
    expect(after.portraits.find((p) => p.id === second.portraitId)).toMatchObject({
      image: null,
      thumbnail: null,
      hasTemplate: true,
    });
    const audits = await handle.db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.action, "portrait.uploaded"));
    expect(audits.map((a) => a.details.portraitId)).toEqual(
      expect.arrayContaining([first.portraitId, second.portraitId]),
    );
  });

  it("refuses a bad photo with its code and changes nothing", async () => {
    const { org, id } = await identity();
    const before = await snapshotIdentity(handle.db, id);
    await expect(
      uploadPortraitDirect(handle.db, org.organizationId, org.actor, id, await darkJpeg(), {
        storeImage: true,
        qualityCheck: true,
      }),
    ).rejects.toMatchObject({ code: "TOO_DARK", status: 422 });
    expect(await snapshotIdentity(handle.db, id)).toEqual(before);
  });

  it("without a quality check stores a faceless photo as not searchable", async () => {
    const { org, id } = await identity();
    const result = await uploadPortraitDirect(
      handle.db,
      org.organizationId,
      org.actor,
      id,
      await cartoonPng(),
      { storeImage: true, qualityCheck: false },
    );
    expect(result.searchable).toBe(false);
  });

  it("cannot reach another organization's identity", async () => {
    const { id } = await identity();
    const other = await makeOrgUser(handle.db);
    await expect(
      uploadPortraitDirect(handle.db, other.organizationId, other.actor, id, await frontalJpeg(), {
        storeImage: true,
        qualityCheck: true,
      }),
    ).rejects.toMatchObject({ status: 404 });
    expect((await snapshotIdentity(handle.db, id)).portraits).toEqual([]);
  });
});
