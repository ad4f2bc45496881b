import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, setDbForProcess, type Db, type DbHandle } from "@/db/client";
import { approvalRequests, heldImageKeys } from "@/db/schema";
import { runMaintenance } from "@/lib/maintenance/cleanup";
import { frontalJpeg } from "@/test/photos";
import { shutdownPortraitWorkers } from "@/lib/portrait";
import { submitSelfRegistration } from "@/lib/uploads/self-registration";
import { createTestDatabase } from "@/test/db";
import { queryRows } from "@/test/db-scan";
import { orgWithLink } from "@/test/flow";
import { decideApproval, readApprovalImage } from "./service";

/**
 * Issue 11, item 8 / PRODUCT rule 7: "do not store the image" means not recoverable from disk. A
 * held image is on disk while the request is pending (table file, WAL); after the decision no
 * 64-byte slice of it may be found in the database's files, and its key never reaches the WAL.
 * PGlite: the whole data directory. PostgreSQL (DATABASE_URL): the files of the tables that held
 * it (and their TOAST tables) and the WAL segments written during the test (read as root).
 */

const onPostgres = Boolean(process.env.DATABASE_URL);
let handle: DbHandle & { url?: string };
let pgliteDir = "";

beforeAll(async () => {
  if (onPostgres) {
    handle = await createTestDatabase();
  } else {
    pgliteDir = mkdtempSync(join(tmpdir(), "im-shred-"));
    handle = openDatabase({ dataDir: pgliteDir });
    await handle.migrate();
    setDbForProcess(handle);
  }
});
afterAll(async () => {
  await shutdownPortraitWorkers();
  await handle.close().catch(() => {});
  if (!onPostgres) rmSync(pgliteDir, { recursive: true, force: true });
});

/**
 * The fixture under a faint random low-frequency veil (an 8×8 random image scaled up): bytes no other
 * test has written — other databases of the shared server hold the plain fixture's normalized image,
 * and its bytes linger in their WAL — surviving the pipeline's resize and re-encoding, so a hit can
 * only be this test's own image.
 */
async function uniquePhoto(): Promise<Buffer> {
  const base = sharp(await frontalJpeg());
  const { width, height } = await base.metadata();
  // Around mid-grey (soft-light's neutral), ±16: a full-range veil washes the face in strong colour
  // patches, and the quality check reads a differently coloured nose and mouth as a mask
  // (FACE_OCCLUDED) on about half of them.
  const tint = randomBytes(8 * 8 * 3).map((v) => 112 + (v % 33));
  const veil = await sharp(tint, { raw: { width: 8, height: 8, channels: 3 } })
    .resize(width, height, { kernel: "cubic" })
    .png()
    .toBuffer();
  return base
    .composite([{ input: veil, blend: "soft-light" }])
    .jpeg({ quality: 95 })
    .toBuffer();
}

/** A "do not store" upload held for approval: its request id, a slice of its plaintext, its key. */
async function heldUpload(db: Db) {
  const flow = await orgWithLink(db, { storeImage: false, requireApproval: true });
  await submitSelfRegistration(
    db,
    flow.token,
    await uniquePhoto(),
    `10.77.0.${Math.floor(Math.random() * 250)}`,
  );
  const [request] = await db
    .select({ id: approvalRequests.id, stored: approvalRequests.image })
    .from(approvalRequests)
    .where(eq(approvalRequests.identityId, flow.identity.id));
  const plain = (await readApprovalImage(db, flow.org.organizationId, request!.id, "image"))!.bytes;
  const thumbnail = (await readApprovalImage(db, flow.org.organizationId, request!.id, "thumbnail"))!.bytes;
  const [key] = await db
    .select({ key: heldImageKeys.key })
    .from(heldImageKeys)
    .where(eq(heldImageKeys.approvalRequestId, request!.id));
  const middle = (b: Buffer) => b.subarray(Math.floor(b.length / 2), Math.floor(b.length / 2) + 64);
  return {
    flow,
    requestId: request!.id,
    slices: [middle(plain), middle(thumbnail)],
    sealed: middle(request!.stored!),
    key: key!.key,
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
/** Byte ranges of files to search: whole files, or the part of a WAL segment written during the test. */
type Region = { file: string; from?: number; to?: number };
const holding = (regions: (Region | string)[], needle: Buffer) =>
  regions
    .map((r) => (typeof r === "string" ? { file: r } : r))
    .filter(
      (r) =>
        existsSync(r.file) &&
        readFileSync(r.file)
          .subarray(r.from ?? 0, r.to)
          .includes(needle),
    )
    .map((r) => r.file);

/**
 * PostgreSQL: every WAL segment file (read before the checkpoint recycles any; recycled files keep
 * their old bytes under new names, so all of pg_wal is read), then, after a CHECKPOINT has written
 * the tables out, the files of these tables and their TOAST tables.
 */
async function postgresFiles(db: Db, tables: string[]): Promise<{ tables: string[]; wal: string[] }> {
  const { dir } = (
    await queryRows<{ dir: string }>(db, sql`select current_setting('data_directory') as dir`)
  )[0]!;
  const walDir = join(dir, "pg_wal");
  const wal = readdirSync(walDir)
    .filter((f) => /^[0-9A-F]{24}$/.test(f))
    .map((f) => join(walDir, f));
  await db.execute(sql`checkpoint`);
  const paths: string[] = [];
  for (const table of tables) {
    const rows = await queryRows<{ main: string; toast: string | null }>(
      db,
      sql`select pg_relation_filepath(c.oid) as main,
                 case when c.reltoastrelid <> 0 then pg_relation_filepath(c.reltoastrelid) end as toast
          from pg_class c where c.relname = ${table} and c.relnamespace = 'public'::regnamespace`,
    );
    for (const rel of rows.flatMap((r) => [r.main, r.toast]).filter((r): r is string => Boolean(r))) {
      const folder = join(dir, rel, "..");
      const base = rel.split("/").pop()!;
      // The main fork and its 1 GB segments (base, base.1…), plus the free-space and visibility maps.
      for (const f of readdirSync(folder))
        if (f === base || f.startsWith(`${base}.`) || f.startsWith(`${base}_`)) paths.push(join(folder, f));
    }
  }
  return { tables: paths, wal };
}

/** Whether the key table's current file holds any of these keys (PGlite: its whole data directory). */
async function keysInKeyTable(db: Db, keys: Buffer[]): Promise<boolean> {
  if (!onPostgres) return false; // one connection: nothing can hold a deleted row visible
  await db.execute(sql`checkpoint`);
  const { dir, rel } = (
    await queryRows<{ dir: string; rel: string }>(
      db,
      sql`select current_setting('data_directory') as dir, pg_relation_filepath('held_image_keys') as rel`,
    )
  )[0]!;
  const file = join(dir, rel);
  return existsSync(file) && keys.some((k) => readFileSync(file).includes(k));
}

describe(`held images are crypto-shredded at the decision (${onPostgres ? "PostgreSQL" : "PGlite"})`, () => {
  it("after a reject and after an approve with 'do not store', no slice of the image is on disk", async () => {
    const { db } = handle;
    const rejected = await heldUpload(db);
    const approved = await heldUpload(db);
    const decide = (held: typeof rejected, decision: "approve" | "reject") =>
      decideApproval(db, held.flow.org.organizationId, held.flow.org.actor, held.requestId, decision);
    await decide(rejected, "reject");
    await decide(approved, "approve");
    // Maintenance rewrites the key table, so destroyed keys leave its file too. A rewrite keeps a
    // deleted row that a running transaction may still see ("recently dead": autovacuum's analyze of
    // this new database, under a busy test run); the next run then drops it. The production timer
    // repeats every MAINTENANCE_INTERVAL_SECONDS; here a few runs a moment apart stand in for it.
    for (let run = 0; run < 10; run++) {
      await runMaintenance(db);
      if (!(await keysInKeyTable(db, [rejected.key, approved.key]))) break;
      await new Promise((r) => setTimeout(r, 500));
    }

    let tableFiles: string[];
    let walFiles: string[];
    if (onPostgres) {
      const found = await postgresFiles(db, ["approval_requests", "portraits", "held_image_keys"]);
      tableFiles = found.tables;
      walFiles = found.wal;
    } else {
      await db.execute(sql`checkpoint`);
      await handle.close();
      tableFiles = filesUnder(pgliteDir);
      walFiles = filesUnder(join(pgliteDir, "pg_wal"));
    }
    expect(tableFiles.length).toBeGreaterThan(0);
    expect(walFiles.length).toBeGreaterThan(0);
    // The scan sees what was written: the encrypted image went through the WAL.
    expect(holding(walFiles, rejected.sealed).length).toBeGreaterThan(0);
    for (const upload of [rejected, approved]) {
      for (const slice of upload.slices) {
        expect(holding(tableFiles, slice), "plaintext image in a table file").toEqual([]);
        expect(holding(walFiles, slice), "plaintext image in the WAL").toEqual([]);
      }
      // The key never reached the WAL (an unlogged table), and after the decision not the table either.
      expect(holding(walFiles, upload.key), "key in the WAL").toEqual([]);
      expect(holding(tableFiles, upload.key), "key in a table file").toEqual([]);
    }
    if (!onPostgres) {
      // Reopen for afterAll's bookkeeping (nothing else runs on it).
      handle = openDatabase({ dataDir: pgliteDir });
    }
  });
});
