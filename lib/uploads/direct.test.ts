import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { cartoonPng, darkJpeg, frontalJpeg } from "@/test/photos";
import { databaseForFile } from "@/test/database-for-file";
import { addIdentity, makeOrgUser, type OrgActor } from "@/test/fixtures";
import { snapshotIdentity } from "@/test/flow";
import { type DirectUploadOptions, uploadPortraitDirect } from "./direct";

const handle = databaseForFile();

async function identity() {
  const org = await makeOrgUser(handle.db);
  const created = await addIdentity(handle.db, org, { externalId: "D-1", displayName: "Direct" });
  return { org, id: created.id };
}

/** `org`'s member uploads `photo` for identity `id` from the console. */
const upload = (org: OrgActor, id: string, photo: Uint8Array, options: DirectUploadOptions) =>
  uploadPortraitDirect(handle.db, org.organizationId, org.actor, id, photo, options);

describe("direct portrait upload", () => {
  it("applies an accepted photo at once, keeps history, and writes an audit event naming the portrait", async () => {
    const { org, id } = await identity();
    const first = await upload(org, id, await frontalJpeg(), { storeImage: true, qualityCheck: true });
    const second = await upload(org, id, await frontalJpeg(), { storeImage: false, qualityCheck: true });
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
      upload(org, id, await darkJpeg(), { storeImage: true, qualityCheck: true }),
    ).rejects.toMatchObject({ code: "TOO_DARK", status: 422 });
    expect(await snapshotIdentity(handle.db, id)).toEqual(before);
  });

  it("without a quality check stores a faceless photo as not searchable", async () => {
    const { org, id } = await identity();
    const result = await upload(org, id, await cartoonPng(), { storeImage: true, qualityCheck: false });
    expect(result.searchable).toBe(false);
  });

  it("cannot reach another organization's identity", async () => {
    const { id } = await identity();
    const other = await makeOrgUser(handle.db);
    await expect(
      upload(other, id, await frontalJpeg(), { storeImage: true, qualityCheck: true }),
    ).rejects.toMatchObject({ status: 404 });
    expect((await snapshotIdentity(handle.db, id)).portraits).toEqual([]);
  });
});
