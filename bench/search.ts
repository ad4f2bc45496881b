// `npm run bench -- search [--count 100000] [--runs 30]`
// Top-5 face search over 100 000 current templates of one organization (cold: builds the in-memory
// matrix; warm: matrix + delta + reconciliation), and the approvals page's queries with 1 000 pending.
// Uses its own fresh database (PostgreSQL when DATABASE_URL is set, else PGlite in memory).
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { approvalRequests, identities, portraits } from "@/db/schema";
import { countPendingApprovals, listApprovals } from "@/lib/approvals/service";
import { forgetSearchIndex } from "@/lib/search/index-cache";
import { searchByTemplate } from "@/lib/search/service";
import { uncheckedReport } from "@/test/fixtures";
import { TEMPLATE_MODEL } from "@/lib/portrait/model";
import { createTestDatabase } from "@/test/db";
import { summarize, timeIt } from "./_stats";
import { benchOwner } from "./_owner";

const { values } = parseArgs({
  options: { count: { type: "string", default: "100000" }, runs: { type: "string", default: "30" } },
});
const count = Number(values.count);
const runs = Number(values.runs);

// Deterministic pseudo-random templates with face-api-like magnitudes (components ~ N(0, 0.09)).
let seed = 42;
const rand = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
const template = () => Array.from({ length: 128 }, () => gauss() * 0.09);

const handle = await createTestDatabase();
const { db } = handle;
const { organizationId } = await benchOwner(db, "bench-search@example.com", "Search bench");
console.log(`database: ${handle.kind}; inserting ${count} identities with templates…`);
const [insertMs] = await timeIt(async () => {
  for (let offset = 0; offset < count; offset += 2000) {
    const rows = Array.from({ length: Math.min(2000, count - offset) }, (_, i) => ({
      identityId: randomUUID(),
      portraitId: randomUUID(),
      n: offset + i,
    }));
    await db.insert(identities).values(
      rows.map((r) => ({
        id: r.identityId,
        organizationId,
        externalId: `S-${r.n}`,
        displayName: `Search ${r.n}`,
        currentPortraitId: r.portraitId,
      })),
    );
    await db.insert(portraits).values(
      rows.map((r) => ({
        id: r.portraitId,
        organizationId,
        identityId: r.identityId,
        template: template(),
        templateModel: TEMPLATE_MODEL,
        searchable: true,
        qualityReport: uncheckedReport(),
        source: "api" as const,
      })),
    );
  }
});
// As if registered over the past weeks, not in the last second.
await db.execute(
  sql`update ${portraits} set created_at = now() - interval '1 day' where organization_id = ${organizationId}`,
);
await db.execute(sql`analyze`);
console.log(`inserted in ${(insertMs / 1000).toFixed(1)} s`);

const probes = Array.from({ length: runs }, () => template());
forgetSearchIndex();
const [coldMs] = await timeIt(() => searchByTemplate(db, organizationId, probes[0]!, { limit: 5 }));
console.log(`cold search (loads ${count} templates into the matrix): ${coldMs.toFixed(0)} ms`);
const warm: number[] = [];
for (const probe of probes)
  warm.push((await timeIt(() => searchByTemplate(db, organizationId, probe, { limit: 5 })))[0]);
console.log(summarize(`top-5 over ${count} templates, warm`, warm));

// A write after the matrix was built: found through the delta at once.
const fresh = template();
const newIdentity = randomUUID();
const newPortrait = randomUUID();
await db.insert(identities).values({
  id: newIdentity,
  organizationId,
  externalId: "S-new",
  displayName: "Fresh",
  currentPortraitId: newPortrait,
});
await db.insert(portraits).values({
  id: newPortrait,
  organizationId,
  identityId: newIdentity,
  template: fresh,
  templateModel: TEMPLATE_MODEL,
  searchable: true,
  qualityReport: uncheckedReport(),
  source: "api",
});
const withDelta: number[] = [];
for (let i = 0; i < runs; i++) {
  const [ms, matches] = await timeIt(() => searchByTemplate(db, organizationId, fresh, { limit: 5 }));
  if (matches[0]?.identityId !== newIdentity) throw new Error("a just-written portrait was not found first");
  withDelta.push(ms);
}
console.log(summarize("top-5 right after a new portrait (delta path)", withDelta));

// Approvals: 1 000 pending requests with small thumbnails and a typical quality report.
const thumb = Buffer.alloc(4096, 7);
const pendingIds = (
  await db
    .select({ id: identities.id })
    .from(identities)
    .where(sql`${identities.organizationId} = ${organizationId}`)
    .limit(1000)
).map((r) => r.id);
await db.insert(approvalRequests).values(
  pendingIds.map((identityId) => ({
    organizationId,
    identityId,
    image: thumb,
    thumbnail: thumb,
    template: template(),
    templateModel: TEMPLATE_MODEL,
    qualityReport: uncheckedReport({ qualityChecked: true, metrics: { faceScore: 0.9 } }),
    conditions: { storeImage: true, qualityCheck: true, requireApproval: true },
  })),
);
await db.execute(sql`analyze`);
const approvals: number[] = [];
for (let i = 0; i < runs; i++) {
  approvals.push(
    (
      await timeIt(() =>
        Promise.all([
          listApprovals(db, organizationId, { status: "pending" }),
          countPendingApprovals(db, organizationId),
        ]),
      )
    )[0],
  );
}
console.log(summarize("approvals page queries (first 50 of 1 000 pending + badge count)", approvals));
console.log(`heap used: ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB`);
await handle.close();
