import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, setDbForProcess, type DbHandle } from "@/db/client";

/**
 * A migrated database of its own for one test file: PGlite in memory by default, or a fresh
 * database on the PostgreSQL server named by DATABASE_URL (dropped again by `close`).
 */
export async function createTestDatabase(): Promise<DbHandle & { url?: string }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const handle = openDatabase({ dataDir: null });
    await handle.migrate();
    setDbForProcess(handle);
    return handle;
  }
  const name = `imtest_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ url: url.toString() });
  await handle.migrate();
  setDbForProcess(handle);
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
