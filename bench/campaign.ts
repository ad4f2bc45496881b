// `npm run bench -- campaign [--runs 5] [--mails 1000] [--outage-seconds 30] [--lease-seconds 15] [--no-mail]`
// On the PostgreSQL server (DATABASE_URL; PGlite works but is not the target):
// 1. a campaign over 10 000 identities created, with its CSV (service call, as the console does);
// 2. the campaign page's queries (counts in one grouped query + first page of people) on 10 000 links;
// 3. 1 000 emails through a local SMTP server (smtp-server), sent by a separate worker process;
// 4. the same with the SMTP server stopped for 30 s in the middle and the worker process killed
//    (SIGKILL) once and restarted: every recipient must get exactly one mail (messages counted).
import { spawn, type ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import { eq, sql } from "drizzle-orm";
import { identities, mailOutbox } from "@/db/schema";
import { createCampaign } from "@/lib/campaigns/create";
import { deliveryCsv } from "@/lib/campaigns/csv";
import { getCampaignProgress, listCampaignMembers } from "@/lib/campaigns/progress";
import { setMailSettingsForProcess } from "@/lib/mail/config";
import { seedIdentities } from "@/scripts/demo-data";
import { createTestDatabase } from "@/test/db";
import { TestSmtpServer } from "@/test/smtp";
import { median, summarize, timeIt } from "./_stats";
import { benchOwner } from "./_owner";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    mails: { type: "string", default: "1000" },
    "outage-seconds": { type: "string", default: "30" },
    "lease-seconds": { type: "string", default: "15" },
    "no-mail": { type: "boolean", default: false },
  },
});
const runs = Number(values.runs);
const mails = Number(values.mails);
const outageMs = Number(values["outage-seconds"]) * 1000;
const leaseMs = Number(values["lease-seconds"]) * 1000;

const handle = await createTestDatabase();
const { db } = handle;
console.log(`database: ${handle.kind}${handle.url ? "" : " (in memory; the targets are for PostgreSQL)"}`);
const actor = { type: "system" as const, label: "bench" };
const CONDITIONS = { storeImage: true, qualityCheck: true, requireApproval: true };

// ---- 1. creating a 10 000-person campaign with its CSV ----
const big = await benchOwner(db, "bench@example.com", "Bench Campaign");
await seedIdentities(db, big.organizationId, 10_000);
const noise = await benchOwner(db, "noise@example.com", "Other");
await seedIdentities(db, noise.organizationId, 10_000);
await db.execute(sql`analyze`);
const everyone = { kind: "match" as const, match: { q: "", filter: "all" as const } };
const createTimes: number[] = [];
let lastCampaignId = "";
for (let i = 0; i < runs; i++) {
  const [ms, result] = await timeIt(async () => {
    const created = await createCampaign(
      db,
      big.organizationId,
      actor,
      { name: `Wave ${i}`, locale: "ja", options: CONDITIONS, email: false },
      everyone,
    );
    return { created, csv: deliveryCsv(created.members) };
  });
  if (result.created.members.length !== 10_000) throw new Error(`issued ${result.created.members.length}`);
  createTimes.push(ms);
  lastCampaignId = result.created.campaign.id;
  if (i === 0) console.log(`CSV: ${(result.csv.length / 1024 / 1024).toFixed(1)} MB for 10 000 people`);
}
console.log(summarize("create a 10 000-person campaign + CSV   ", createTimes), "(target ≤ 5 000 ms)");

// ---- 2. the campaign page on 10 000 links in every state ----
// Spread the people over the states: opened, failed checks, uploaded (pending / approved / rejected), expired.
await db.execute(
  sql`update upload_links set opened_at = now() where campaign_id = ${lastCampaignId} and random() < 0.6`,
);
await db.execute(sql`
  insert into upload_link_events (organization_id, link_id, identity_id, campaign_id, kind, code)
  select organization_id, id, identity_id, campaign_id, 'quality_failed',
    (array['TOO_DARK','BLURRY','FACE_NOT_FOUND','HEAD_TURNED'])[1 + floor(random() * 4)::int]
  from upload_links, generate_series(1, 2) where campaign_id = ${lastCampaignId} and opened_at is not null and random() < 0.3`);
await db.execute(
  sql`update upload_links set used_at = now() where campaign_id = ${lastCampaignId} and opened_at is not null and random() < 0.5`,
);
await db.execute(sql`
  insert into approval_requests (organization_id, identity_id, upload_link_id, quality_report, conditions, status)
  select organization_id, identity_id, id, '{}'::jsonb, '{"storeImage":true,"qualityCheck":true,"requireApproval":true}'::jsonb,
    (case when random() < 0.5 then 'pending' else 'approved' end)::approval_status
  from upload_links where campaign_id = ${lastCampaignId} and used_at is not null`);
await db.execute(
  sql`update upload_links set expires_at = now() - interval '1 hour' where campaign_id = ${lastCampaignId} and used_at is null and random() < 0.2`,
);
await db.execute(sql`analyze`);
const pageTimes: number[] = [];
let counts: Record<string, number> = {};
for (let i = 0; i < 30; i++) {
  const [ms] = await timeIt(async () => {
    const progress = await getCampaignProgress(db, big.organizationId, lastCampaignId);
    await listCampaignMembers(db, big.organizationId, lastCampaignId, { state: "not_uploaded" });
    counts = progress.counts;
  });
  if (i >= 5) pageTimes.push(ms); // after warm-up
}
console.log(summarize("campaign page (counts + 50 people), 10 000 links", pageTimes), "(target ≤ 100 ms)");
console.log(
  `  counts: ${Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ")}`,
);

// ---- 3 and 4. mail through a separate worker process ----
const mailOrg = await benchOwner(db, "mail@example.com", "Bench Mail 株式会社");
await seedIdentities(db, mailOrg.organizationId, mails);
const recipients = new Set(
  (
    await db
      .select({ email: identities.email })
      .from(identities)
      .where(eq(identities.organizationId, mailOrg.organizationId))
  ).map((r) => r.email!),
);

function startWorker(smtpUrl: string): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      "node_modules/tsx/dist/cli.mjs",
      "--conditions=react-server",
      "bench/_mail-worker.ts",
      smtpUrl,
      String(leaseMs),
    ],
    {
      env: { ...process.env, DATABASE_URL: handle.url ?? "" },
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    },
  );
  return child;
}
const killGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
const unsettled = async () =>
  Number(
    (
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(mailOutbox)
        .where(
          sql`${mailOutbox.organizationId} = ${mailOrg.organizationId} and status in ('queued', 'sending', 'handed_over')`,
        )
    )[0]!.n,
  );

async function mailRun(label: string, chaos: boolean) {
  const server = await new TestSmtpServer().start();
  setMailSettingsForProcess({ smtpUrl: server.url, from: "no-reply@bench.example", timeZone: "Asia/Tokyo" });
  let worker = startWorker(server.url);
  const start = performance.now();
  const created = await createCampaign(
    db,
    mailOrg.organizationId,
    actor,
    { name: label, locale: "ja", options: CONDITIONS, email: true },
    { kind: "match", match: { q: "", filter: "all" } },
  );
  const queued = created.members.filter((m) => m.mailed).length;
  let killedAt = -1;
  if (chaos) {
    await until(() => server.received.length >= queued * 0.25, 120_000, "a quarter of the mails");
    await server.stop();
    const stoppedAt = server.received.length;
    await sleep(outageMs);
    await server.start();
    console.log(`  SMTP server stopped for ${outageMs / 1000} s after ${stoppedAt} messages`);
    await until(() => server.received.length >= queued * 0.6, 180_000, "60 % of the mails");
    killedAt = server.received.length;
    killGroup(worker, "SIGKILL");
    worker = startWorker(server.url);
    console.log(`  worker process killed (SIGKILL) after ${killedAt} messages and started again`);
  }
  await until(() => server.received.length >= queued, 300_000, "every mail");
  const elapsed = performance.now() - start;
  await until(async () => (await unsettled()) === 0, 120_000, "the outbox to settle");
  await sleep(2_000); // anything sent twice would arrive now
  killGroup(worker, "SIGTERM");
  const perRecipient = new Map<string, number>();
  for (const m of server.received) perRecipient.set(m.to, (perRecipient.get(m.to) ?? 0) + 1);
  const duplicates = [...perRecipient.values()].filter((n) => n > 1).length;
  const missing = [...recipients].filter((r) => !perRecipient.has(r)).length;
  const distinctIds = new Set(server.received.map((m) => m.messageId)).size;
  await server.stop();
  console.log(
    `${label}: ${queued} queued, ${server.received.length} received (${distinctIds} distinct Message-IDs), ` +
      `${perRecipient.size} recipients, ${duplicates} got more than one, ${missing} got none — ${(elapsed / 1000).toFixed(1)} s`,
  );
  if (duplicates || missing || server.received.length !== queued)
    throw new Error(`${label}: not exactly one mail per recipient`);
  return elapsed;
}

if (values["no-mail"]) {
  console.log("mail: skipped (--no-mail)");
} else if (!handle.url) {
  console.log("mail: skipped (needs DATABASE_URL: the worker runs in another process on the same database)");
} else {
  const sendTimes: number[] = [];
  for (let i = 0; i < Math.max(1, Math.min(runs, 3)); i++)
    sendTimes.push(await mailRun(`${mails} mails, run ${i + 1}`, false));
  console.log(
    `${mails} emails through a local SMTP server: median ${(median(sendTimes) / 1000).toFixed(1)} s (target ≤ 60 s)`,
  );
  await mailRun(`${mails} mails with a ${outageMs / 1000} s SMTP outage and the worker killed once`, true);
  console.log("exactly one mail per recipient: yes");
}
await handle.close();
