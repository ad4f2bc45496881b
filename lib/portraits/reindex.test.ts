import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { approvalRequests, portraits } from "@/db/schema";
import { createApprovalRequest } from "@/lib/approvals/create";
import { getApprovalDetail } from "@/lib/approvals/service";
import { issueUploadLink } from "@/lib/links/service";
import { LEGACY_TEMPLATE_MODEL, processPortrait, TEMPLATE_MODEL } from "@/lib/portrait";
import { cartoonPng, frontalJpeg, neighbourJpeg } from "@/test/photos";
import { forgetSearchIndex } from "@/lib/search/index-cache";
import { searchByTemplate } from "@/lib/search/service";
import { databaseForFile } from "@/test/database-for-file";
import { addIdentity, makeOrgUser, uncheckedReport } from "@/test/fixtures";
import { applyPortrait } from "./apply";
import { identitiesNeedingPhoto, reindexTemplates } from "./reindex";

const handle = databaseForFile();

/** A template as the previous release stored it: another model's vector, tagged with its model id. */
const legacyOf = (t: number[]) => t.map((v, i) => v + (i % 2 ? 0.02 : -0.02));

describe("templates are tied to their model", () => {
  it("search and the approval viewer never compare templates of different models; reindex-templates recomputes from stored images and lists who needs a new photo", async () => {
    const db = handle.db;
    const org = await makeOrgUser(db);
    const read = async (make: () => Promise<Buffer>) => ({
      result: await processPortrait(await make(), { qualityCheck: false }),
    });
    const face = await read(frontalJpeg);
    const neighbour = await read(neighbourJpeg);
    const cartoon = await read(cartoonPng);
    expect(face.result.templateModel).toBe(TEMPLATE_MODEL);
    const enrol = async (
      externalId: string,
      input: { image: Buffer | null; template: number[] | null; templateModel: string | null },
    ) => {
      const identity = await addIdentity(db, org, { externalId, displayName: externalId });
      const portraitId = await db.transaction((tx) =>
        applyPortrait(tx, {
          organizationId: org.organizationId,
          identityId: identity.id,
          thumbnail: null,
          qualityReport: uncheckedReport(),
          storeImage: input.image !== null,
          source: "api",
          ...input,
        }),
      );
      return { identityId: identity.id, portraitId };
    };
    // Enrolled by the previous release: with the image kept, as a template only, and a photo in
    // which today's model finds no face (its old template came from another detector).
    const kept = await enrol("kept-image", {
      image: face.result.image,
      template: legacyOf(face.result.template!),
      templateModel: LEGACY_TEMPLATE_MODEL,
    });
    const templateOnly = await enrol("template-only", {
      image: null,
      template: legacyOf(neighbour.result.template!),
      templateModel: LEGACY_TEMPLATE_MODEL,
    });
    await enrol("no-face-now", {
      image: cartoon.result.image,
      template: legacyOf(face.result.template!),
      templateModel: LEGACY_TEMPLATE_MODEL,
    });
    // …and one enrolled today.
    const today = await enrol("today", {
      image: null,
      template: neighbour.result.template,
      templateModel: TEMPLATE_MODEL,
    });

    // A pending request filed by the previous release (its image is held until the decision).
    const link = await issueUploadLink(db, org.organizationId, org.actor, kept.identityId, {
      storeImage: true,
      qualityCheck: true,
      requireApproval: true,
    });
    const requestId = await db.transaction((tx) =>
      createApprovalRequest(tx, {
        organizationId: org.organizationId,
        identityId: kept.identityId,
        uploadLinkId: link.linkId,
        image: face.result.image,
        thumbnail: face.result.thumbnail,
        template: legacyOf(face.result.template!),
        templateModel: LEGACY_TEMPLATE_MODEL,
        qualityReport: uncheckedReport(),
        conditions: { storeImage: true, qualityCheck: true, requireApproval: true },
      }),
    );

    // Before: a search with today's template sees only today's templates, although the old ones
    // are numerically close. The legacy request is compared with legacy templates only.
    forgetSearchIndex();
    const before = await searchByTemplate(db, org.organizationId, face.result.template!, { limit: 10 });
    expect(before.map((m) => m.identityId)).toEqual([today.identityId]);
    const detail = await getApprovalDetail(db, org.organizationId, requestId);
    expect(detail.similarityToCurrent?.samePerson).toBe(true); // legacy with legacy: same model
    expect(detail.possibleDuplicates.map((m) => m.externalId)).toEqual(["no-face-now"]);
    expect((await identitiesNeedingPhoto(db)).map((n) => n.externalId)).toEqual([
      "kept-image",
      "no-face-now",
      "template-only",
    ]);

    const summary = await reindexTemplates(db);
    expect(summary.model).toBe(TEMPLATE_MODEL);
    expect(summary.recomputed).toBe(2); // the kept image's portrait and the pending request
    expect(summary.noFace).toBe(1);
    expect(summary.templateOnly).toBe(1);
    expect(summary.needsPhoto.map((n) => [n.externalId, n.reason])).toEqual([
      ["no-face-now", "no_face_in_stored_image"],
      ["template-only", "no_stored_image"],
    ]);

    // The recomputed template is exactly what today's model makes from the stored image.
    const [row] = await db.select().from(portraits).where(eq(portraits.id, kept.portraitId));
    expect(row!.templateModel).toBe(TEMPLATE_MODEL);
    const fromStored = await processPortrait(face.result.image!, { qualityCheck: false });
    expect(row!.template).toEqual(Array.from(Float32Array.from(fromStored.template!)));
    const [request] = await db.select().from(approvalRequests).where(eq(approvalRequests.id, requestId));
    expect(request!.templateModel).toBe(TEMPLATE_MODEL);
    // The template-only portrait is untouched: still the old model, still never compared.
    const [old] = await db.select().from(portraits).where(eq(portraits.id, templateOnly.portraitId));
    expect(old!.templateModel).toBe(LEGACY_TEMPLATE_MODEL);

    // After: the kept-image identity is found again, first.
    forgetSearchIndex();
    const after = await searchByTemplate(db, org.organizationId, face.result.template!, { limit: 10 });
    expect(after[0]?.identityId).toBe(kept.identityId);
    expect(after.map((m) => m.identityId)).not.toContain(templateOnly.identityId);
    const detailAfter = await getApprovalDetail(db, org.organizationId, requestId);
    expect(detailAfter.similarityToCurrent?.samePerson).toBe(true); // both recomputed
    expect(detailAfter.possibleDuplicates).toEqual([]); // the legacy duplicate is not comparable now

    // Idempotent: nothing left to recompute.
    const again = await reindexTemplates(db);
    expect(again.recomputed).toBe(0);
    expect(again.needsPhoto).toEqual(summary.needsPhoto);
  });

  it("the database refuses a template without its model (and a model without a template)", async () => {
    const org = await makeOrgUser(handle.db);
    const identity = await addIdentity(handle.db, org, { externalId: "x", displayName: "x" });
    const row = {
      organizationId: org.organizationId,
      identityId: identity.id,
      searchable: true,
      qualityReport: uncheckedReport(),
      source: "api" as const,
    };
    await expect(
      handle.db.insert(portraits).values({ ...row, template: Array.from({ length: 128 }, () => 0.1) }),
    ).rejects.toThrow();
    await expect(
      handle.db.insert(portraits).values({ ...row, templateModel: TEMPLATE_MODEL }),
    ).rejects.toThrow();
  });
});
