import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { mailOutbox, uploadLinks } from "@/db/schema";
import { createCampaign } from "@/lib/campaigns/create";
import { databaseForFile } from "@/test/database-for-file";
import { findInDatabase } from "@/test/db-scan";
import { addPeople, makeOrgUser } from "@/test/fixtures";
import { TestSmtpServer } from "@/test/smtp";
import { setMailSettingsForProcess, type MailSettings } from "./config";
import { claimDueMails, handOver } from "./outbox";
import { SmtpSender } from "./smtp";
import { MailWorker } from "./worker";

const handle = databaseForFile();
const servers: TestSmtpServer[] = [];
const workers: MailWorker[] = [];

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  // Each test starts with an empty queue: the outbox is shared by every organization.
  await handle.db
    .update(mailOutbox)
    .set({ status: "cancelled", payload: null })
    .where(sql`status in ('queued', 'sending', 'handed_over')`);
  setMailSettingsForProcess(undefined);
});

async function smtp(options: ConstructorParameters<typeof TestSmtpServer>[0] = {}) {
  const server = await new TestSmtpServer(options).start();
  servers.push(server);
  return server;
}

function settingsFor(server: TestSmtpServer): MailSettings {
  const settings = {
    smtpUrl: server.url,
    from: "Identity Manager <no-reply@im.example>",
    timeZone: "Asia/Tokyo",
  };
  setMailSettingsForProcess(settings);
  return settings;
}

function worker(db: Db, settings: MailSettings, options: ConstructorParameters<typeof MailWorker>[2] = {}) {
  const w = new MailWorker(async () => db, settings, {
    pollMs: 50,
    leaseMs: 1_000,
    retryBaseMs: 200,
    ...options,
  }).start();
  workers.push(w);
  return w;
}

let counter = 0;
/** An organization whose `n` people (with addresses) are in a campaign that mails them. */
async function mailedCampaign(db: Db, n: number, locale: "ja" | "en" = "ja", orgName?: string) {
  const org = await makeOrgUser(db, "admin", orgName);
  const people = await addPeople(db, org, n, () => {
    const c = ++counter;
    return {
      externalId: `M-${c}`,
      displayName: locale === "ja" ? `山田 太郎 ${c}` : `Person ${c}`,
      email: `person${c}@example.test`,
    };
  });
  const ids = people.map((p) => p.id);
  const created = await createCampaign(
    db,
    org.organizationId,
    org.actor,
    {
      name: "Refresh",
      locale,
      options: { storeImage: true, qualityCheck: true, requireApproval: false },
      email: true,
    },
    { kind: "ids", identityIds: ids },
  );
  return { org, created };
}

const statuses = async (db: Db, organizationId: string) =>
  (
    await db
      .select({ status: mailOutbox.status, payload: mailOutbox.payload, attempts: mailOutbox.attempts })
      .from(mailOutbox)
      .where(eq(mailOutbox.organizationId, organizationId))
  ).map((r) => ({ ...r, hasPayload: r.payload !== null }));

async function until(check: () => Promise<boolean>, timeoutMs = 15_000) {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not reached");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("mail outbox", () => {
  it("mails each person once, in Japanese, from the organization, and keeps no URL once sent", async () => {
    const { db } = handle;
    const server = await smtp();
    const settings = settingsFor(server);
    const { org, created } = await mailedCampaign(db, 3, "ja", "株式会社テスト");
    // Queued: the URLs are in the outbox, but sealed — nowhere in the database in the clear.
    for (const m of created.members) {
      expect(await findInDatabase(db, m.url.split("/upload/")[1]!)).toEqual([]);
    }
    worker(db, settings);
    const mails = await server.waitFor(3);
    await until(async () => (await statuses(db, org.organizationId)).every((s) => s.status === "sent"));
    expect(mails.map((m) => m.to).sort()).toEqual(created.members.map((m) => m.email).sort());
    const first = mails.find((m) => m.to === created.members[0]!.email)!;
    expect(first.subject).toBe("【株式会社テスト】顔写真登録のお願い");
    expect(first.text).toContain(`${created.members[0]!.displayName} 様`);
    expect(first.text).toContain(created.members[0]!.url);
    expect(first.text).toContain("有効期限");
    expect(first.html).toContain(created.members[0]!.url);
    expect(first.headers.get("from")).toMatchObject({
      value: [{ name: "株式会社テスト", address: "no-reply@im.example" }],
    });
    expect(first.messageId).toMatch(/^<[0-9a-f-]{36}@im\.example>$/);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(3);
    expect((await statuses(db, org.organizationId)).every((s) => !s.hasPayload)).toBe(true);
    // Nothing more arrives: at most one copy per person per send.
    await new Promise((r) => setTimeout(r, 300));
    expect(server.received).toHaveLength(3);
  });

  it("writes English when the campaign says so", async () => {
    const { db } = handle;
    const server = await smtp();
    const settings = settingsFor(server);
    await mailedCampaign(db, 1, "en", "Acme Corp");
    worker(db, settings);
    const [mail] = await server.waitFor(1);
    expect(mail!.subject).toBe("Acme Corp: please register your photo");
    expect(mail!.text).toMatch(/^Hello Person \d+,/);
    expect(mail!.text).toContain("Valid until:");
  });

  it("loses nothing while the SMTP server is down, spends no attempts on it, and sends once it is back", async () => {
    const { db } = handle;
    const server = await smtp();
    const settings = settingsFor(server);
    await server.stop();
    const { org } = await mailedCampaign(db, 5);
    worker(db, settings);
    await new Promise((r) => setTimeout(r, 1_500));
    const waiting = await statuses(db, org.organizationId);
    expect(waiting.every((s) => s.status === "queued" && s.hasPayload && s.attempts === 0)).toBe(true);
    await server.start();
    await server.waitFor(5, 30_000);
    await until(
      async () => (await statuses(db, org.organizationId)).every((s) => s.status === "sent"),
      30_000,
    );
    expect(new Set(server.received.map((m) => m.to)).size).toBe(5);
  });

  it("a refused address (550) bounces at once; 'try later' (450) is retried", async () => {
    const { db } = handle;
    let busy = 2;
    const server = await smtp({
      refuse: (address) => (address === bounceTo ? 550 : address === busyTo && busy-- > 0 ? 450 : null),
    });
    const settings = settingsFor(server);
    const { org, created } = await mailedCampaign(db, 3);
    const bounceTo = created.members[0]!.email!;
    const busyTo = created.members[1]!.email!;
    worker(db, settings);
    await server.waitFor(2, 30_000);
    await until(async () => {
      const s = (await statuses(db, org.organizationId)).map((r) => r.status).sort();
      return s.join() === "bounced,sent,sent";
    }, 30_000);
    expect(server.received.map((m) => m.to).sort()).toEqual([busyTo, created.members[2]!.email].sort());
    const rows = await db
      .select({
        recipient: mailOutbox.recipient,
        attempts: mailOutbox.attempts,
        lastError: mailOutbox.lastError,
      })
      .from(mailOutbox)
      .where(eq(mailOutbox.organizationId, org.organizationId));
    expect(rows.find((r) => r.recipient === busyTo)!.attempts).toBe(3);
    expect(rows.find((r) => r.recipient === bounceTo)!.lastError).toMatch(/550/);
  });

  it("two workers on the same outbox never send a mail twice", async () => {
    const { db } = handle;
    const server = await smtp();
    const settings = settingsFor(server);
    const { org } = await mailedCampaign(db, 40);
    worker(db, settings, { concurrency: 3 });
    worker(db, settings, { concurrency: 3 });
    await server.waitFor(40, 30_000);
    await until(async () => (await statuses(db, org.organizationId)).every((s) => s.status === "sent"));
    await new Promise((r) => setTimeout(r, 300));
    expect(server.received).toHaveLength(40);
    expect(new Set(server.received.map((m) => m.to)).size).toBe(40);
  });

  it("a worker that died holding a claim: the row is sent by another once the lease ends; a handed-over row is never sent again", async () => {
    const { db } = handle;
    const server = await smtp();
    const settings = settingsFor(server);
    const { org } = await mailedCampaign(db, 2);
    // A "crashed" worker: it claimed both rows and handed one over, then vanished.
    const dead = "00000000-0000-4000-8000-000000000001";
    const claimed = await claimDueMails(db, dead, 10, 500);
    expect(claimed).toHaveLength(2);
    expect(await handOver(db, claimed[0]!.id, dead, 500)).toBe(true);
    await new Promise((r) => setTimeout(r, 700));
    worker(db, settings);
    await server.waitFor(1);
    await until(async () => (await statuses(db, org.organizationId)).every((s) => s.status === "sent"));
    await new Promise((r) => setTimeout(r, 500));
    expect(server.received.map((m) => m.to)).toEqual([claimed[1]!.recipient]);
    const [settled] = await db
      .select({ lastError: mailOutbox.lastError, payload: mailOutbox.payload })
      .from(mailOutbox)
      .where(eq(mailOutbox.id, claimed[0]!.id));
    expect(settled).toEqual({ lastError: expect.stringMatching(/^unconfirmed/), payload: null });
  });

  it("a worker whose claim was taken over abandons the message before its end: the server never gets it", async () => {
    const { db } = handle;
    const server = await smtp();
    settingsFor(server);
    await mailedCampaign(db, 1);
    const [stale] = await claimDueMails(db, "00000000-0000-4000-8000-00000000000a", 1, 1);
    await new Promise((r) => setTimeout(r, 20));
    const [current] = await claimDueMails(db, "00000000-0000-4000-8000-00000000000b", 1, 60_000);
    expect(current!.id).toBe(stale!.id);
    const sender = new SmtpSender(server.url, 1);
    const outcome = await sender.deliver(
      { from: "no-reply@im.example", to: stale!.recipient },
      Buffer.from("Subject: stale\r\n\r\nthis must never arrive\r\n"),
      () => handOver(db, stale!.id, "00000000-0000-4000-8000-00000000000a", 60_000),
    );
    sender.close();
    expect(outcome.kind).toBe("fenced");
    await new Promise((r) => setTimeout(r, 300));
    expect(server.received).toHaveLength(0);
  });

  it("a stopping worker finishes the mails on the wire and hands the rest of its batch back at once", async () => {
    const { db } = handle;
    const server = await smtp({ delayMs: 250 });
    const settings = settingsFor(server);
    const { org } = await mailedCampaign(db, 12);
    // A long lease: a row kept by the stopped worker would wait a minute for another one.
    const first = worker(db, settings, { concurrency: 2, leaseMs: 60_000 });
    await server.waitFor(1);
    const before = server.received.length;
    await first.stop();
    // At most the two mails being sent when it stopped went out after that, nothing more.
    expect(server.received.length - before).toBeLessThanOrEqual(2);
    const rows = await db
      .select({ status: mailOutbox.status, claim: mailOutbox.claimToken, lastError: mailOutbox.lastError })
      .from(mailOutbox)
      .where(eq(mailOutbox.organizationId, org.organizationId));
    expect(rows.filter((r) => r.status === "sent")).toHaveLength(server.received.length);
    const back = rows.filter((r) => r.status === "queued");
    expect(back.length).toBe(12 - server.received.length);
    expect(back.every((r) => r.claim === null)).toBe(true);
    expect(back.some((r) => r.lastError === "handed back: the worker stopped")).toBe(true);
    // The next worker sends them now, not after the lease: everyone once.
    worker(db, settings, { concurrency: 4 });
    await server.waitFor(12, 15_000);
    await until(async () => (await statuses(db, org.organizationId)).every((s) => s.status === "sent"));
    expect(new Set(server.received.map((m) => m.to)).size).toBe(12);
    expect(server.received).toHaveLength(12);
  });

  it("a mail whose link was used or replaced meanwhile is cancelled, its URL dropped, nothing sent", async () => {
    const { db } = handle;
    const server = await smtp();
    const settings = settingsFor(server);
    const { org, created } = await mailedCampaign(db, 2);
    await db
      .update(uploadLinks)
      .set({ revokedAt: sql`now()` })
      .where(eq(uploadLinks.identityId, created.members[0]!.identityId));
    worker(db, settings);
    await server.waitFor(1);
    await until(async () => (await statuses(db, org.organizationId)).every((s) => s.status !== "queued"));
    await new Promise((r) => setTimeout(r, 300));
    expect(server.received.map((m) => m.to)).toEqual([created.members[1]!.email]);
    const rows = await statuses(db, org.organizationId);
    expect(rows.map((r) => r.status).sort()).toEqual(["cancelled", "sent"]);
    expect(rows.every((r) => !r.hasPayload)).toBe(true);
  });
});
