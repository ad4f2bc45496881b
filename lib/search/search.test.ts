import { beforeAll, describe, expect, it } from "vitest";
import { createIdentity, deleteIdentity } from "@/lib/identities/service";
import { processPortrait, SAME_PERSON_SIMILARITY, TEMPLATE_MODEL } from "@/lib/portrait";
import { applyPortrait } from "@/lib/portraits/apply";
import { databaseForFile } from "@/test/database-for-file";
import { facePhoto, FACE_BOXES } from "@/test/faces";
import { makeOrgUser, uncheckedReport } from "@/test/fixtures";
import { forgetSearchIndex } from "./index-cache";
import { searchByTemplate } from "./service";

const handle = databaseForFile();
const REGISTERED = FACE_BOXES.length - 3;
const templates: (number[] | null)[] = [];
const otherShots: (number[] | null)[] = [];

beforeAll(async () => {
  for (let i = 0; i < FACE_BOXES.length; i++) {
    templates.push((await processPortrait(await facePhoto(i), { qualityCheck: false })).template);
    otherShots.push((await processPortrait(await facePhoto(i, "other"), { qualityCheck: false })).template);
  }
}, 180_000);

async function enrol(
  orgId: string,
  actor: Parameters<typeof createIdentity>[2],
  i: number,
  thumbnail: Buffer | null = null,
) {
  const identity = await createIdentity(handle.db, orgId, actor, {
    externalId: `face-${i}`,
    displayName: `Face ${i}`,
  });
  await handle.db.transaction((tx) =>
    applyPortrait(tx, {
      organizationId: orgId,
      identityId: identity.id,
      image: null,
      thumbnail,
      template: templates[i]!,
      templateModel: TEMPLATE_MODEL,
      qualityReport: uncheckedReport(),
      storeImage: thumbnail !== null,
      source: "api",
    }),
  );
  return identity;
}

describe("1:N face search", () => {
  it("ranks a registered person first from a different photo; strangers stay below the threshold", async () => {
    const org = await makeOrgUser(handle.db);
    const ids: string[] = [];
    for (let i = 0; i < REGISTERED; i++)
      ids.push(templates[i] ? (await enrol(org.organizationId, org.actor, i)).id : "");
    let probes = 0;
    const sims: number[] = [];
    for (let i = 0; i < REGISTERED; i++) {
      if (!templates[i] || !otherShots[i]) continue;
      probes++;
      const [best] = await searchByTemplate(handle.db, org.organizationId, otherShots[i]!, { limit: 5 });
      expect(best?.identityId, `face ${i}`).toBe(ids[i]);
      sims.push(best!.similarity);
    }
    expect(probes).toBeGreaterThanOrEqual(8);
    // Mirrored, reframed, re-lit shots are hard: most, not all, clear the same-person threshold.
    expect(sims.filter((s) => s >= SAME_PERSON_SIMILARITY).length).toBeGreaterThanOrEqual(
      Math.ceil(probes * 0.7),
    );
    for (let i = REGISTERED; i < FACE_BOXES.length; i++) {
      if (!otherShots[i]) continue;
      const matches = await searchByTemplate(handle.db, org.organizationId, otherShots[i]!, { limit: 5 });
      expect(matches[0]!.similarity, `stranger ${i}`).toBeLessThan(SAME_PERSON_SIMILARITY);
    }
  });

  it("sees a new portrait at once and never returns a deleted identity, even with a warm cache", async () => {
    const org = await makeOrgUser(handle.db);
    const first = await enrol(org.organizationId, org.actor, 0);
    expect((await searchByTemplate(handle.db, org.organizationId, otherShots[0]!))[0]?.identityId).toBe(
      first.id,
    );
    const second = await enrol(org.organizationId, org.actor, 1);
    expect((await searchByTemplate(handle.db, org.organizationId, otherShots[1]!))[0]?.identityId).toBe(
      second.id,
    );
    await deleteIdentity(handle.db, org.organizationId, org.actor, second.id);
    const after = await searchByTemplate(handle.db, org.organizationId, otherShots[1]!);
    expect(after.map((m) => m.identityId)).not.toContain(second.id);
    forgetSearchIndex(org.organizationId);
    expect(
      (await searchByTemplate(handle.db, org.organizationId, otherShots[1]!)).map((m) => m.identityId),
    ).not.toContain(second.id);
  });

  it("says whether a match has a thumbnail to show", async () => {
    const org = await makeOrgUser(handle.db);
    const shown = await enrol(org.organizationId, org.actor, 3, Buffer.from("a thumbnail"));
    const templateOnly = await enrol(org.organizationId, org.actor, 4);
    const best = async (i: number) =>
      (await searchByTemplate(handle.db, org.organizationId, otherShots[i]!))[0];
    expect(await best(3)).toMatchObject({ identityId: shown.id, hasThumbnail: true });
    expect(await best(4)).toMatchObject({ identityId: templateOnly.id, hasThumbnail: false });
  });

  it("never crosses organizations", async () => {
    const a = await makeOrgUser(handle.db);
    const b = await makeOrgUser(handle.db);
    await enrol(a.organizationId, a.actor, 2);
    expect(await searchByTemplate(handle.db, b.organizationId, otherShots[2]!)).toEqual([]);
  });
});
