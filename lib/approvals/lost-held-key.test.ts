import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { heldImageKeys } from "@/db/schema";
import { submitSelfRegistration } from "@/lib/uploads/self-registration";
import { databaseForFile } from "@/test/database-for-file";
import { orgWithLink } from "@/test/flow";
import { frontalJpeg } from "@/test/photos";
import { getApprovalDetail, listApprovals, readApprovalImage } from "./service";

const handle = databaseForFile();

/**
 * A held photo whose key is gone (the database crashed, or the embedded one was killed, while the
 * request was pending: the keys' table is unlogged and starts empty) can no longer be shown, and the
 * list must say so. Found walking Approvals after the server was killed: every row offered a
 * thumbnail that answered 404 (broken images, the viewer showed its alt text), because the list's
 * "sealed?" test compared with '\x494d4831' written in a JavaScript template, which JavaScript turned
 * into 'I4d4831' before PostgreSQL saw it: no sealed image ever matched, so every one counted as an
 * old plain one, readable without a key.
 */
it("a held photo whose key was lost is listed without a thumbnail, and the request stays decidable", async () => {
  const setup = await orgWithLink(handle.db, { requireApproval: true });
  await submitSelfRegistration(handle.db, setup.token, await frontalJpeg(), "10.31.0.1");
  const orgId = setup.org.organizationId;
  const [before] = (await listApprovals(handle.db, orgId)).items;
  expect(before!.hasThumbnail).toBe(true);
  expect(await readApprovalImage(handle.db, orgId, before!.id, "thumbnail")).not.toBeNull();

  await handle.db.delete(heldImageKeys).where(eq(heldImageKeys.approvalRequestId, before!.id));

  const [after] = (await listApprovals(handle.db, orgId)).items;
  expect(after!.id).toBe(before!.id);
  expect(await readApprovalImage(handle.db, orgId, after!.id, "thumbnail")).toBeNull();
  expect(after!.hasThumbnail).toBe(false);
  const detail = await getApprovalDetail(handle.db, orgId, after!.id);
  expect(detail.hasThumbnail).toBe(false);
});
