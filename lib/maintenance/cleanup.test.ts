import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { idempotencyKeys, mailOutbox, rateLimits } from "@/db/schema";
import { issueUploadLink } from "@/lib/links/service";
import { hitRateLimit } from "@/lib/rate-limit";
import { databaseForFile } from "@/test/database-for-file";
import { addIdentity, makeOrgUser } from "@/test/fixtures";
import { runMaintenance } from "./cleanup";

/** Issue 11, item 7: rate_limits and idempotency_keys rows were never purged. */

const handle = databaseForFile();

describe("maintenance", () => {
  it("deletes expired rate-limit counters and idempotency keys, keeps current ones", async () => {
    const { db } = handle;
    const org = await makeOrgUser(db);
    await hitRateLimit(db, "test:fresh", 10, 60);
    await db
      .insert(rateLimits)
      .values({ key: "test:stale", windowStart: sql`now() - interval '3 hours'`, count: 5 });
    await db.insert(idempotencyKeys).values([
      { organizationId: org.organizationId, key: "fresh", requestHash: "h" },
      {
        organizationId: org.organizationId,
        key: "stale",
        requestHash: "h",
        createdAt: sql`now() - interval '25 hours'`,
      },
    ]);
    const result = await runMaintenance(db);
    expect(result).toMatchObject({ ran: true, rateLimits: 1, idempotencyKeys: 1, finishedMails: 0 });
    const limits = await db.select({ key: rateLimits.key }).from(rateLimits);
    expect(limits.map((r) => r.key)).toContain("test:fresh");
    expect(limits.map((r) => r.key)).not.toContain("test:stale");
    const keys = await db.select({ key: idempotencyKeys.key }).from(idempotencyKeys);
    expect(keys.map((k) => k.key)).toEqual(["fresh"]);
  });

  it("deletes campaign mails finished more than 30 days ago, never one still to be sent", async () => {
    const { db } = handle;
    const org = await makeOrgUser(db);
    const person = await addIdentity(db, org, {
      externalId: "MAIL-1",
      displayName: "Mail",
      email: "mail@example.test",
    });
    const link = await issueUploadLink(db, org.organizationId, org.actor, person.id, {});
    const mail = (status: (typeof mailOutbox.$inferInsert)["status"], daysAgo: number) => ({
      organizationId: org.organizationId,
      identityId: person.id,
      linkId: link.linkId,
      sendId: randomUUID(),
      kind: "invitation" as const,
      locale: "en" as const,
      recipient: "mail@example.test",
      status,
      lastError: `${status} ${daysAgo}`,
      createdAt: sql`now() - make_interval(days => ${daysAgo})`,
    });
    await db
      .insert(mailOutbox)
      .values([
        mail("sent", 31),
        mail("bounced", 31),
        mail("failed", 40),
        mail("cancelled", 31),
        mail("sent", 29),
        mail("queued", 90),
        mail("sending", 31),
        mail("handed_over", 31),
      ]);
    expect((await runMaintenance(db)).finishedMails).toBe(4);
    const left = await db
      .select({ note: mailOutbox.lastError })
      .from(mailOutbox)
      .where(eq(mailOutbox.organizationId, org.organizationId));
    expect(left.map((m) => m.note).sort()).toEqual(["handed_over 31", "queued 90", "sending 31", "sent 29"]);
  });

  it("skips when another instance holds the lock", async () => {
    if (!process.env.DATABASE_URL) return; // one connection on PGlite: there is no other instance
    const { db } = handle;
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(727276)`);
      expect((await runMaintenance(db)).ran).toBe(false);
    });
  });
});
