import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, organizations } from "@/db/schema";
import { databaseForFile } from "@/test/database-for-file";
import { makeOrgUser } from "@/test/fixtures";
import { recordAudit } from "./record";

const handle = databaseForFile();

/** The SQLSTATE of a failed statement (Drizzle wraps the driver's error). */
async function refusal(statement: Promise<unknown>): Promise<string | undefined> {
  try {
    await statement;
    return undefined;
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string } };
    return e.cause?.code ?? e.code ?? "error";
  }
}

describe("audit log", () => {
  it("is append-only: UPDATE, DELETE and TRUNCATE are refused by the database", async () => {
    const { db } = handle;
    const org = await makeOrgUser(db);
    await recordAudit(db, {
      organizationId: org.organizationId,
      actor: org.actor,
      action: "test.event",
      details: { n: 1 },
    });
    const before = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.organizationId, org.organizationId));
    expect(before.length).toBeGreaterThan(0);

    expect(
      await refusal(
        db
          .update(auditEvents)
          .set({ action: "forged" })
          .where(eq(auditEvents.organizationId, org.organizationId)),
      ),
    ).toBe("42501");
    expect(
      await refusal(db.delete(auditEvents).where(eq(auditEvents.organizationId, org.organizationId))),
    ).toBe("42501");
    expect(await refusal(db.execute(sql`truncate audit_events`))).toBe("42501");
    expect(
      await db.select().from(auditEvents).where(eq(auditEvents.organizationId, org.organizationId)),
    ).toEqual(before);
  });

  it("goes with its organization when the organization is deleted", async () => {
    const { db } = handle;
    const gone = await makeOrgUser(db);
    const kept = await makeOrgUser(db);
    for (const org of [gone, kept])
      await recordAudit(db, { organizationId: org.organizationId, actor: org.actor, action: "test.event" });
    await db.delete(organizations).where(eq(organizations.id, gone.organizationId));
    expect(
      await db.select().from(auditEvents).where(eq(auditEvents.organizationId, gone.organizationId)),
    ).toEqual([]);
    expect(
      (await db.select().from(auditEvents).where(eq(auditEvents.organizationId, kept.organizationId))).length,
    ).toBeGreaterThan(0);
  });
});
