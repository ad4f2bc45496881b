import { describe, expect, it } from "vitest";
import { frontalJpeg } from "@/test/photos";
import { submitSelfRegistration } from "@/lib/uploads/self-registration";
import { databaseForFile } from "@/test/database-for-file";
import { orgWithLink } from "@/test/flow";
import { getQualityOverrides, setQualityOverrides } from "./quality-settings";

const handle = databaseForFile();

describe("per-organization quality thresholds", () => {
  it("apply to that organization's uploads, and can be reset", async () => {
    const { org, token } = await orgWithLink(handle.db);
    await setQualityOverrides(handle.db, org.organizationId, org.actor, { minShortSidePx: 1000 });
    expect(await getQualityOverrides(handle.db, org.organizationId)).toEqual({ minShortSidePx: 1000 });
    await expect(
      submitSelfRegistration(handle.db, token, await frontalJpeg(), "10.40.0.1"),
    ).rejects.toMatchObject({ code: "IMAGE_TOO_SMALL" });
    await setQualityOverrides(handle.db, org.organizationId, org.actor, {});
    expect((await submitSelfRegistration(handle.db, token, await frontalJpeg(), "10.40.0.2")).status).toBe(
      "updated",
    );
  });

  it("refuses out-of-range values, unknown fields, and reject levels looser than warn levels", async () => {
    const { org } = await orgWithLink(handle.db);
    await expect(
      setQualityOverrides(handle.db, org.organizationId, org.actor, { darkShareReject: 2 }),
    ).rejects.toMatchObject({ code: "INVALID_THRESHOLDS", status: 422 });
    await expect(
      setQualityOverrides(handle.db, org.organizationId, org.actor, { notAThreshold: 1 }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      setQualityOverrides(handle.db, org.organizationId, org.actor, { yawRejectDeg: 10 }),
    ).rejects.toMatchObject({ fieldErrors: { yawRejectDeg: expect.any(Array) } });
    expect(await getQualityOverrides(handle.db, org.organizationId)).toEqual({});
  });
});
