// `npm run bench -- identities [--count 100000] [--runs 30]`
// Server time of the identity list queries (the page's and the API's) on 100 000 identities.
// Uses its own fresh database: on the PostgreSQL server when DATABASE_URL is set, else PGlite in memory.
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { listIdentities } from "@/lib/identities/service";
import { seedIdentities } from "@/scripts/demo-data";
import { createTestDatabase } from "@/test/db";
import { summarize, timeIt } from "./_stats";
import { benchOwner } from "./_owner";

const { values } = parseArgs({
  options: { count: { type: "string", default: "100000" }, runs: { type: "string", default: "30" } },
});
const count = Number(values.count);
const runs = Number(values.runs);

const handle = await createTestDatabase();
const { db } = handle;
console.log(`database: ${handle.kind}; seeding ${count} identities…`);
const { organizationId } = await benchOwner(db, "bench@example.com", "Bench");
// A second organization of the same size, so every query has to filter by organization.
const other = await benchOwner(db, "other@example.com", "Other");
const [seedMs] = await timeIt(async () => {
  await seedIdentities(db, organizationId, count);
  await seedIdentities(db, other.organizationId, count);
});
await db.execute(sql`analyze`);
console.log(`seeded 2 × ${count} in ${(seedMs / 1000).toFixed(1)} s`);

const cases: [string, Parameters<typeof listIdentities>[2]][] = [
  ["first page (50)", {}],
  ["name search, common surname 'tanaka'", { q: "tanaka" }],
  ["name search, full name 'olga ivanova'", { q: "olga ivanova" }],
  ["name search, no match 'zzzz'", { q: "zzzz" }],
  ["external ID search '0099'", { q: "0099" }],
  ["filter: no portrait", { filter: "no_portrait" }],
];
const firstPage = await listIdentities(db, organizationId, {});
cases.push(["second page (cursor)", { cursor: firstPage.nextCursor! }]);

for (const [label, query] of cases) {
  for (let i = 0; i < 3; i++) await listIdentities(db, organizationId, query); // warm up
  const times: number[] = [];
  for (let i = 0; i < runs; i++)
    times.push((await timeIt(() => listIdentities(db, organizationId, query)))[0]);
  console.log(summarize(label.padEnd(42), times));
}
await handle.close();
