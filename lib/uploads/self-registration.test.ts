process.env.FACE_QUEUE_MAX = "64";

import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { uploadLinks } from "@/db/schema";
import { deleteIdentity } from "@/lib/identities/service";
import { findValidLink, issueUploadLink } from "@/lib/links/service";
import { TOKEN_SHAPE } from "@/lib/links/token";
import { cartoonPng, darkJpeg, frontalJpeg, truncated } from "@/test/photos";
import { databaseForFile } from "@/test/database-for-file";
import { orgWithLink, snapshotIdentity } from "@/test/flow";
import { submitSelfRegistration } from "./self-registration";

const handle = databaseForFile();
let ipCounter = 0;
const nextIp = () => `192.0.2.${++ipCounter}`;

describe("upload links", () => {
  it("are 256-bit tokens of which only a hash is stored", async () => {
    const { token, link } = await orgWithLink(handle.db);
    expect(token).toMatch(TOKEN_SHAPE);
    expect(link.url.startsWith("http://localhost:3000/upload/")).toBe(true);
    const rows = await handle.db.select().from(uploadLinks).where(eq(uploadLinks.id, link.linkId));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(rows)).not.toContain(token.slice(4));
  });

  it("a new link revokes the old one: exactly one active, enforced by the database too", async () => {
    const { db } = handle;
    const { org, identity, token: oldToken } = await orgWithLink(db);
    const fresh = await issueUploadLink(db, org.organizationId, org.actor, identity.id, {});
    expect(await findValidLink(db, oldToken)).toBeNull();
    expect(await findValidLink(db, fresh.url.split("/upload/")[1]!)).not.toBeNull();
    const active = await db
      .select({ id: uploadLinks.id })
      .from(uploadLinks)
      .where(sql`${uploadLinks.identityId} = ${identity.id} and used_at is null and revoked_at is null`);
    expect(active).toHaveLength(1);
    // The partial unique index refuses a second active link even if code forgot to revoke.
    await expect(
      db.insert(uploadLinks).values({
        organizationId: org.organizationId,
        identityId: identity.id,
        tokenHash: "x".repeat(64),
        storeImage: true,
        qualityCheck: true,
        requireApproval: false,
        expiresAt: new Date(Date.now() + 3600_000),
      }),
    ).rejects.toThrow();
  });

  it("20 concurrent re-issues leave exactly one active link and none fails", async () => {
    const { db } = handle;
    const { org, identity } = await orgWithLink(db);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => issueUploadLink(db, org.organizationId, org.actor, identity.id, {})),
    );
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(0);
    const active = await db
      .select({ id: uploadLinks.id })
      .from(uploadLinks)
      .where(sql`${uploadLinks.identityId} = ${identity.id} and used_at is null and revoked_at is null`);
    expect(active).toHaveLength(1);
  });

  it("reading a link never consumes it; garbage, expired and deleted-identity tokens are all just invalid", async () => {
    const { db } = handle;
    const { org, identity, token, link } = await orgWithLink(db);
    for (let i = 0; i < 10; i++) expect(await findValidLink(db, token)).not.toBeNull();
    for (const garbage of [
      "",
      "a",
      "upl_" + "A".repeat(43),
      "x".repeat(10_000),
      "' OR 1=1--",
      "upl_💥",
      "%00",
    ]) {
      expect(await findValidLink(db, garbage)).toBeNull();
    }
    await db
      .update(uploadLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(uploadLinks.id, link.linkId));
    expect(await findValidLink(db, token)).toBeNull();
    await expect(submitSelfRegistration(db, token, await frontalJpeg(), nextIp())).rejects.toMatchObject({
      code: "LINK_INVALID",
      status: 410,
    });
    const other = await issueUploadLink(db, org.organizationId, org.actor, identity.id, {});
    await deleteIdentity(db, org.organizationId, org.actor, identity.id);
    expect(await findValidLink(db, other.url.split("/upload/")[1]!)).toBeNull();
  });
});

describe("self-registration uploads", () => {
  it("a failed check leaves the link usable and nothing changed; a good photo updates the portrait and kills the link", async () => {
    const { db } = handle;
    const { identity, token } = await orgWithLink(db);
    const before = await snapshotIdentity(db, identity.id);
    await expect(submitSelfRegistration(db, token, await darkJpeg(), nextIp())).rejects.toMatchObject({
      code: "TOO_DARK",
      status: 422,
    });
    await expect(
      submitSelfRegistration(db, token, truncated(await frontalJpeg()), nextIp()),
    ).rejects.toMatchObject({ code: "IMAGE_UNREADABLE" });
    expect(await snapshotIdentity(db, identity.id)).toEqual(before);
    const outcome = await submitSelfRegistration(db, token, await frontalJpeg(), nextIp());
    expect(outcome.status).toBe("updated");
    const after = await snapshotIdentity(db, identity.id);
    expect(after.portraits).toHaveLength(1);
    expect(after.current).toBe(after.portraits[0]!.id);
    expect(after.portraits[0]).toMatchObject({ hasTemplate: true, searchable: true });
    expect(after.portraits[0]!.image).toBeGreaterThan(1000);
    await expect(submitSelfRegistration(db, token, await frontalJpeg(), nextIp())).rejects.toMatchObject({
      status: 410,
    });
  });

  it("'do not store the image' keeps only the template: no image bytes in the database", async () => {
    const { db } = handle;
    const { identity, token } = await orgWithLink(db, { storeImage: false });
    await submitSelfRegistration(db, token, await frontalJpeg(), nextIp());
    const after = await snapshotIdentity(db, identity.id);
    expect(after.portraits).toEqual([
      expect.objectContaining({ image: null, thumbnail: null, hasTemplate: true, searchable: true }),
    ]);
    expect(after.requests).toEqual([]);
  });

  it("'require approval' files a request holding the image and leaves the identity unchanged", async () => {
    const { db } = handle;
    const { identity, token } = await orgWithLink(db, { requireApproval: true, storeImage: false });
    const outcome = await submitSelfRegistration(db, token, await frontalJpeg(), nextIp());
    expect(outcome.status).toBe("pending_approval");
    const after = await snapshotIdentity(db, identity.id);
    expect(after.current).toBeNull();
    expect(after.portraits).toEqual([]);
    expect(after.requests).toEqual([
      expect.objectContaining({ status: "pending", image: expect.any(Number) }),
    ]);
  });

  it("'no quality check' accepts a photo without a human face and marks it not searchable", async () => {
    const { db } = handle;
    const { identity, token } = await orgWithLink(db, { qualityCheck: false });
    expect((await submitSelfRegistration(db, token, await cartoonPng(), nextIp())).status).toBe("updated");
    const after = await snapshotIdentity(db, identity.id);
    expect(after.portraits).toEqual([expect.objectContaining({ searchable: false, hasTemplate: false })]);
  });

  it("20 concurrent uploads with one token: exactly one succeeds, every other is told the link is used", async () => {
    const { db } = handle;
    const { identity, token } = await orgWithLink(db, { storeImage: true });
    const photo = await frontalJpeg();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => submitSelfRegistration(db, token, photo, `198.51.100.${i}`)),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(19);
    for (const f of failed) {
      expect(f.reason).toMatchObject({ status: 410 });
      expect(["LINK_ALREADY_USED", "LINK_INVALID"]).toContain(f.reason.code);
    }
    const after = await snapshotIdentity(db, identity.id);
    expect(after.portraits).toHaveLength(1);
    expect(after.audit.filter((a) => a.action === "upload_link.used")).toHaveLength(1);
  });

  it("rate-limits one address", async () => {
    const { db } = handle;
    const ip = nextIp();
    let last: unknown;
    for (let i = 0; i < 31; i++)
      last = await submitSelfRegistration(db, `upl_${"b".repeat(43)}`, new Uint8Array(), ip).catch((e) => e);
    expect(last).toMatchObject({ code: "RATE_LIMITED", status: 429 });
    const { token } = await orgWithLink(db);
    expect((await submitSelfRegistration(db, token, await frontalJpeg(), nextIp())).status).toBe("updated");
  });
});
