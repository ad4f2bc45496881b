process.env.FACE_QUEUE_MAX = "64";

import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { approvalRequests, auditEvents, uploadLinks } from "@/db/schema";
import { decideApproval, listApprovals } from "@/lib/approvals/service";
import { deleteIdentity } from "@/lib/identities/service";
import { findValidLink } from "@/lib/links/service";
import { frontalJpeg } from "@/test/photos";
import { submitSelfRegistration } from "@/lib/uploads/self-registration";
import { POST } from "@/app/api/public/uploads/[token]/route";
import { databaseForFile } from "@/test/database-for-file";
import { orgWithLink, snapshotIdentity } from "@/test/flow";
import { uploadRequest } from "@/test/upload-request";
import { findInconsistencies } from "@/lib/consistency/check";

const handle = databaseForFile();
let ip = 0;
const nextIp = () => `198.19.${Math.floor(++ip / 250)}.${ip % 250}`;

describe("consistency checker", () => {
  it("finds nothing after complete flows: uploads, approval, rejection, deletion", async () => {
    const { db } = handle;
    const photo = await frontalJpeg();
    const plain = await orgWithLink(db, { storeImage: false });
    await submitSelfRegistration(db, plain.token, photo, nextIp());
    for (const decision of ["approve", "reject"] as const) {
      const pending = await orgWithLink(db, { requireApproval: true, storeImage: false });
      await submitSelfRegistration(db, pending.token, photo, nextIp());
      const { items } = await listApprovals(db, pending.org.organizationId);
      await decideApproval(db, pending.org.organizationId, pending.org.actor, items[0]!.id, decision);
    }
    const deleted = await orgWithLink(db);
    await submitSelfRegistration(db, deleted.token, photo, nextIp());
    await deleteIdentity(db, deleted.org.organizationId, deleted.org.actor, deleted.identity.id);
    expect(await findInconsistencies(db)).toEqual([]);
  });

  it("reports half-written states: a consumed link with nothing behind it, image bytes kept after a decision", async () => {
    const { db } = handle;
    const consumed = await orgWithLink(db);
    await db
      .update(uploadLinks)
      .set({ usedAt: sql`now()` })
      .where(eq(uploadLinks.id, consumed.link.linkId));
    const decided = await orgWithLink(db, { requireApproval: true });
    await submitSelfRegistration(db, decided.token, await frontalJpeg(), nextIp());
    await db
      .update(approvalRequests)
      .set({ status: "approved" })
      .where(eq(approvalRequests.identityId, decided.identity.id));
    const found = await findInconsistencies(db);
    // The simulated half-decision also left the held image's key (it must go with the decision).
    expect(found.map((f) => f.check).sort()).toEqual([
      "decided approval request still holding image bytes",
      "decided approval request whose image key still exists",
      "used link without its upload_link.used audit event",
    ]);
    expect(found.find((f) => f.check.startsWith("used link"))!.ids).toEqual([consumed.link.linkId]);
    // Repair, so later tests in this file start from a consistent database.
    await db.delete(approvalRequests).where(eq(approvalRequests.identityId, decided.identity.id));
    await db.insert(auditEvents).values({
      organizationId: consumed.org.organizationId,
      actorType: "system",
      action: "upload_link.used",
      details: { linkId: consumed.link.linkId },
    });
    expect(await findInconsistencies(db)).toEqual([]);
  });
});

/** docs/SECURITY.md G 59 and 63 need a PostgreSQL server: other connections, pg_terminate_backend, real process death. */
describe.runIf(Boolean(process.env.DATABASE_URL))("faults on the PostgreSQL server", () => {
  /** A second connection that holds a row lock, so the upload under test stops at a known statement. */
  async function holdLock(table: "identities" | "upload_links", id: string) {
    const blocker = postgres(handle.url!, { max: 1, onnotice: () => {} });
    const reserved = await blocker.reserve();
    await reserved`begin`;
    await reserved`select 1 from ${reserved(table)} where id = ${id} for update`;
    const [row] = await reserved<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const pid = row!.pid;
    return {
      pid,
      /** The backend that is waiting for this lock (the upload's), once it is. */
      waiter: async () => {
        for (let i = 0; i < 1200; i++) {
          // Inside a transaction pg_stat_activity is a snapshot taken at first use: refresh it.
          await reserved`select pg_stat_clear_snapshot()`;
          const rows = await reserved<
            { pid: number }[]
          >`select pid from pg_stat_activity where datname = current_database() and ${pid} = any(pg_blocking_pids(pid))`;
          if (rows.length > 0) return rows[0]!.pid;
          await new Promise((r) => setTimeout(r, 50));
        }
        const activity =
          await reserved`select pid, state, wait_event_type, left(query, 80) as query from pg_stat_activity where datname = current_database()`;
        throw new Error(`the upload never reached the locked row: ${JSON.stringify(activity)}`);
      },
      terminate: (target: number) => reserved`select pg_terminate_backend(${target})`,
      release: async () => {
        await reserved`rollback`;
        reserved.release();
        await blocker.end();
      },
    };
  }

  const ROUNDS = 5;
  for (const [where, table] of [
    ["before the link is consumed", "upload_links"],
    ["after the link is consumed, while the portrait is written", "identities"],
  ] as const) {
    it(`connection killed ${where} (×${ROUNDS}): retryable 503, link unconsumed, nothing half-written, retry succeeds`, async () => {
      const { db } = handle;
      const photo = await frontalJpeg();
      for (let round = 0; round < ROUNDS; round++) {
        const { identity, token, link } = await orgWithLink(db, { storeImage: true });
        const before = await snapshotIdentity(db, identity.id);
        const lock = await holdLock(table, table === "identities" ? identity.id : link.linkId);
        const pending = POST(uploadRequest(token, [{ bytes: photo }], { ip: nextIp() }), {
          params: Promise.resolve({ token }),
        });
        await lock.terminate(await lock.waiter());
        const response = await pending;
        await lock.release();
        await poolSettled();
        expect(response.status).toBe(503);
        expect(response.headers.get("retry-after")).toBeTruthy();
        expect(await response.json()).toMatchObject({ code: "TEMPORARY_FAILURE" });
        expect(await snapshotIdentity(db, identity.id)).toEqual(before);
        expect(await findValidLink(db, token)).not.toBeNull();
        expect(await findInconsistencies(db)).toEqual([]);
        const retry = await POST(uploadRequest(token, [{ bytes: photo }], { ip: nextIp() }), {
          params: Promise.resolve({ token }),
        });
        expect(retry.status).toBe(200);
      }
    });
  }

  it("app process killed mid-upload (SIGKILL while its transaction is open): nothing half-written, the link still works", async () => {
    const { db } = handle;
    const file = join(tmpdir(), `sec-upload-${process.pid}.jpg`);
    writeFileSync(file, await frontalJpeg());
    const { identity, token } = await orgWithLink(db, { storeImage: true });
    const before = await snapshotIdentity(db, identity.id);
    const lock = await holdLock("identities", identity.id);
    // One process (no npx/tsx wrapper in between), so SIGKILL hits the process that holds the connection.
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "test/upload-child.ts", token, file],
      {
        env: { ...process.env, DATABASE_URL: handle.url!, NODE_ENV: "test" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    await lock.waiter().catch((error) => {
      throw new Error(`${error.message}; child output: ${output}`);
    });
    // The child has consumed the link and written its portrait inside the open transaction.
    process.kill(child.pid!, "SIGKILL");
    await exited;
    await lock.release();
    // The server rolls back when it notices the client is gone.
    for (let i = 0; i < 100 && (await activeBackends()) > 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(output).not.toContain('"status"');
    expect(await findInconsistencies(db)).toEqual([]);
    expect(await snapshotIdentity(db, identity.id)).toEqual(before);
    expect((await submitSelfRegistration(db, token, await frontalJpeg(), nextIp())).status).toBe("updated");
  }, 120_000);

  /**
   * postgres.js may hand the killed connection's error to one more pooled query before it
   * reconnects; the app answers that request with a retryable 503 too. Wait until queries work.
   */
  async function poolSettled() {
    for (let i = 0; i < 20; i++) {
      try {
        await handle.db.execute(sql`select 1`);
        return;
      } catch (error) {
        expect(String((error as { cause?: { code?: string } }).cause?.code)).toMatch(/57P01|CONNECTION_/);
      }
    }
    throw new Error("the pool did not recover");
  }

  async function activeBackends(): Promise<number> {
    const rows = (await db().execute(
      sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`,
    )) as unknown as { n: number }[];
    return rows[0]!.n;
  }
  const db = () => handle.db;
});
