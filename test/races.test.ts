process.env.FACE_QUEUE_MAX = "64";

import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { approvalRequests, auditEvents, portraits, uploadLinks } from "@/db/schema";
import { POST as issueLinksRoute } from "@/app/api/v1/upload-links/route";
import { decideApproval, listApprovals } from "@/lib/approvals/service";
import { findInconsistencies } from "@/lib/consistency/check";
import { issueUploadLink } from "@/lib/links/service";
import { frontalJpeg } from "@/test/photos";
import { submitSelfRegistration } from "@/lib/uploads/self-registration";
import { call, makeOrgWithKey } from "@/test/api";
import { databaseForFile } from "@/test/database-for-file";
import { addIdentity } from "@/test/fixtures";
import { orgWithLink } from "@/test/flow";

/**
 * docs/SECURITY.md B 20, B 21, C 31, D 44 repeated on the PostgreSQL server: one lucky interleaving
 * proves little, so each race runs many rounds (the single-round versions live beside the services).
 */

const handle = databaseForFile();
let ip = 0;
const nextIp = () => `198.20.${Math.floor(++ip / 250)}.${ip % 250}`;
const ROUNDS = Number(process.env.RACE_ROUNDS ?? 10);
const PARALLEL = 10;

describe.runIf(Boolean(process.env.DATABASE_URL))(
  `races on the PostgreSQL server, ${ROUNDS} rounds each`,
  () => {
    it(`double-spend: ${PARALLEL} uploads with one token → exactly one success, one portrait, one audit event`, async () => {
      const { db } = handle;
      const photo = await frontalJpeg();
      for (let round = 0; round < ROUNDS; round++) {
        const { identity, token } = await orgWithLink(db, { storeImage: false });
        const results = await Promise.allSettled(
          Array.from({ length: PARALLEL }, () => submitSelfRegistration(db, token, photo, nextIp())),
        );
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        for (const r of results)
          if (r.status === "rejected") expect(["LINK_ALREADY_USED", "LINK_INVALID"]).toContain(r.reason.code);
        expect(
          await db.select({ id: portraits.id }).from(portraits).where(eq(portraits.identityId, identity.id)),
        ).toHaveLength(1);
        const used = await db
          .select({ id: auditEvents.id })
          .from(auditEvents)
          .where(and(eq(auditEvents.targetId, identity.id), eq(auditEvents.action, "upload_link.used")));
        expect(used).toHaveLength(1);
      }
      expect(await findInconsistencies(db)).toEqual([]);
    });

    it(`concurrent re-issue: ${PARALLEL} links at once for one identity → all succeed, exactly one active`, async () => {
      const { db } = handle;
      for (let round = 0; round < ROUNDS; round++) {
        const { org, identity } = await orgWithLink(db);
        const issued = await Promise.all(
          Array.from({ length: PARALLEL }, () =>
            issueUploadLink(db, org.organizationId, org.actor, identity.id, {}),
          ),
        );
        expect(new Set(issued.map((l) => l.linkId)).size).toBe(PARALLEL);
        const active = await db
          .select({ id: uploadLinks.id })
          .from(uploadLinks)
          .where(
            and(
              eq(uploadLinks.identityId, identity.id),
              isNull(uploadLinks.usedAt),
              isNull(uploadLinks.revokedAt),
            ),
          );
        expect(active).toHaveLength(1);
      }
    });

    it("approve racing reject → one decision, one audit event, the loser told ALREADY_DECIDED", async () => {
      const { db } = handle;
      const photo = await frontalJpeg();
      for (let round = 0; round < ROUNDS; round++) {
        const { org, token } = await orgWithLink(db, { requireApproval: true, storeImage: false });
        await submitSelfRegistration(db, token, photo, nextIp());
        const requestId = (await listApprovals(db, org.organizationId)).items[0]!.id;
        const results = await Promise.allSettled([
          decideApproval(db, org.organizationId, org.actor, requestId, "approve"),
          decideApproval(db, org.organizationId, org.actor, requestId, "reject"),
          decideApproval(db, org.organizationId, org.actor, requestId, "approve"),
        ]);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        for (const r of results)
          if (r.status === "rejected") expect(["ALREADY_DECIDED", "NOT_FOUND"]).toContain(r.reason.code);
        const decisions = await db
          .select({ action: auditEvents.action })
          .from(auditEvents)
          .where(
            and(eq(auditEvents.organizationId, org.organizationId), eq(auditEvents.targetId, requestId)),
          );
        expect(decisions.filter((d) => d.action.startsWith("approval."))).toHaveLength(1);
        const left = await db
          .select({ image: approvalRequests.image })
          .from(approvalRequests)
          .where(eq(approvalRequests.id, requestId));
        for (const row of left) expect(row.image).toBeNull();
      }
      expect(await findInconsistencies(db)).toEqual([]);
    });

    it(`idempotent batch retried ${PARALLEL / 2}× in parallel → one set of links, identical successes, the rest 409`, async () => {
      const { db } = handle;
      for (let round = 0; round < ROUNDS; round++) {
        const org = await makeOrgWithKey(db);
        const people = await Promise.all(
          [0, 1, 2, 3, 4].map((i) =>
            addIdentity(db, org, {
              externalId: `R${round}-${i}`,
              displayName: `Race ${i}`,
            }),
          ),
        );
        const json = { identities: people.map((p) => ({ id: p.id })) };
        const headers = { "Idempotency-Key": `round-${round}` };
        const results = await Promise.all(
          Array.from({ length: PARALLEL / 2 }, () =>
            call(issueLinksRoute, "POST", "/api/v1/upload-links", { key: org.key, json, headers }),
          ),
        );
        const succeeded = results.filter((r) => r.status === 201);
        expect(succeeded.length).toBeGreaterThanOrEqual(1);
        for (const r of results) expect([201, 409]).toContain(r.status);
        for (const r of succeeded) expect(r.text).toBe(succeeded[0]!.text);
        const links = await db
          .select({ id: uploadLinks.id })
          .from(uploadLinks)
          .where(eq(uploadLinks.organizationId, org.organizationId));
        expect(links).toHaveLength(people.length);
        // A late retry replays the same answer and issues nothing.
        const replay = await call(issueLinksRoute, "POST", "/api/v1/upload-links", {
          key: org.key,
          json,
          headers,
        });
        expect(replay.text).toBe(succeeded[0]!.text);
        expect(
          await db
            .select({ id: uploadLinks.id })
            .from(uploadLinks)
            .where(eq(uploadLinks.organizationId, org.organizationId)),
        ).toHaveLength(people.length);
      }
    });
  },
);
