// `npm run bench -- links [--runs 10] [--no-http] [--port 3399]`
// Batch upload-link issuing: one request of 1 000 links, and 10 000 identities in ten requests.
// Measured three ways: the service call, the route handler in-process (key, rate limit, JSON, zod,
// idempotency), and a real HTTP request against `next start` (needs `next build` first).
// Uses its own fresh database: on the PostgreSQL server when DATABASE_URL is set, else PGlite in memory.
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { POST as issueLinksRoute } from "@/app/api/v1/upload-links/route";
import { createApiKey } from "@/lib/api-keys/service";
import { issueUploadLinkBatch } from "@/lib/links/batch";
import { seedIdentities } from "@/scripts/demo-data";
import { waitForHealth } from "@/e2e/server-health";
import { createTestDatabase } from "@/test/db";
import { identities } from "@/db/schema";
import { median, summarize, timeIt } from "./_stats";
import { benchOwner } from "./_owner";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "10" },
    "no-http": { type: "boolean", default: false },
    port: { type: "string", default: "3399" },
  },
});
const runs = Number(values.runs);

const handle = await createTestDatabase();
const { db } = handle;
console.log(`database: ${handle.kind}`);
const owner = await benchOwner(db, "bench@example.com", "Bench Links");
const orgId = owner.organizationId;
const actor = { type: "system" as const, label: "bench" };
await seedIdentities(db, orgId, 10_000);
const other = await benchOwner(db, "other@example.com", "Other");
await seedIdentities(db, other.organizationId, 10_000);
await db.execute(sql`analyze`);
const ids = (
  await db
    .select({ id: identities.id })
    .from(identities)
    .where(sql`${identities.organizationId} = ${orgId}`)
).map((r) => r.id);
const chunks = Array.from({ length: 10 }, (_, i) => ids.slice(i * 1000, (i + 1) * 1000));
console.log(`seeded 2 × ${ids.length} identities`);
const { key } = await createApiKey(db, orgId, actor, "bench");

// 1. Service: 1 000 links per call (each call also revokes the previous links of those identities).
const serviceTimes: number[] = [];
for (let i = 0; i < runs; i++) {
  const refs = chunks[i % 10]!.map((id) => ({ id }));
  serviceTimes.push((await timeIt(() => issueUploadLinkBatch(db, orgId, actor, refs, {})))[0]);
}
console.log(summarize("service, 1 000 links / call           ", serviceTimes));

// 2. Route handler in-process, with and without Idempotency-Key.
async function viaHandler(batch: string[], idempotencyKey?: string) {
  const request = new Request("http://bench/api/v1/upload-links", {
    method: "POST",
    headers: {
      Authorization: `Bearer ${key}`,
      "Content-Type": "application/json",
      ...(idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {}),
    },
    body: JSON.stringify({ identities: batch.map((id) => ({ id })) }),
  });
  const response = await issueLinksRoute(request, { params: Promise.resolve({}) });
  if (response.status !== 201)
    throw new Error(`handler answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
}
const handlerTimes: number[] = [];
for (let i = 0; i < runs; i++) handlerTimes.push((await timeIt(() => viaHandler(chunks[i % 10]!)))[0]);
console.log(summarize("handler, 1 000 links / request        ", handlerTimes));
const idemTimes: number[] = [];
for (let i = 0; i < runs; i++)
  idemTimes.push((await timeIt(() => viaHandler(chunks[i % 10]!, `bench-${i}`)))[0]);
console.log(summarize("handler + Idempotency-Key             ", idemTimes));

async function tenThousand(label: string, issue: (batch: string[]) => Promise<unknown>) {
  const totals: number[] = [];
  for (let r = 0; r < 3; r++) totals.push((await timeIt(async () => { for (const c of chunks) await issue(c); }))[0]); // prettier-ignore
  console.log(
    `${label}: median ${median(totals).toFixed(0)} ms for 10 000 links (${(median(totals) / 10).toFixed(0)} ms per 1 000)`,
  );
}
await tenThousand("service, 10 000 in ten calls          ", (c) =>
  issueUploadLinkBatch(
    db,
    orgId,
    actor,
    c.map((id) => ({ id })),
    {},
  ),
);
await tenThousand("handler, 10 000 in ten requests       ", (c) => viaHandler(c));

// 3. HTTP against a production server on the same database.
if (!values["no-http"] && handle.url) {
  const port = Number(values.port);
  const base = `http://127.0.0.1:${port}`;
  const server = spawn("npx", ["next", "start", "-p", String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: handle.url,
      APP_URL: base,
      AUTH_SECRET: "bench-only-secret-0123456789abcdefghijklmnop",
      NODE_ENV: "production",
    },
    stdio: "ignore",
    detached: true,
  });
  try {
    await waitForHealth(base, "server did not start (run `next build` first)", 120);
    const viaHttp = async (batch: string[]) => {
      const response = await fetch(`${base}/api/v1/upload-links`, {
        method: "POST",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
        body: JSON.stringify({ identities: batch.map((id) => ({ id })) }),
      });
      if (response.status !== 201) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    };
    await viaHttp(chunks[0]!); // warm up
    const httpTimes: number[] = [];
    for (let i = 0; i < runs; i++) httpTimes.push((await timeIt(() => viaHttp(chunks[i % 10]!)))[0]);
    console.log(summarize("HTTP, 1 000 links / request           ", httpTimes));
    await tenThousand("HTTP, 10 000 in ten requests          ", viaHttp);
  } finally {
    process.kill(-server.pid!, "SIGTERM");
  }
} else if (!values["no-http"]) {
  console.log("HTTP: skipped (needs DATABASE_URL, so the server and this script share the database)");
}
await handle.close();
