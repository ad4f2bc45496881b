import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import postgres from "postgres";
import { env } from "@/lib/env";
import * as schema from "./schema";

/**
 * One database type for the whole app. PGlite and postgres.js expose the same Drizzle query
 * builder; we type both as the postgres.js flavour so services never care which one runs.
 */
export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  kind: "pglite" | "postgres";
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = resolve(process.cwd(), "db/migrations");

/** Opens a database: a PostgreSQL server when `url` is given, else PGlite in `dataDir` (memory when null). */
export function openDatabase(options: { url?: string; dataDir?: string | null }): DbHandle {
  if (options.url) {
    const client = postgres(options.url, {
      max: env().DATABASE_POOL_SIZE,
      onnotice: () => {},
      connect_timeout: 10,
    });
    const db = drizzlePostgres(client, { schema });
    return {
      db,
      kind: "postgres",
      // An advisory lock keeps several instances starting at once from migrating twice.
      migrate: async () => {
        const lock = await client.reserve();
        try {
          await lock`select pg_advisory_lock(727274)`;
          await migratePostgres(db, { migrationsFolder });
        } finally {
          await lock`select pg_advisory_unlock(727274)`.catch(() => {});
          lock.release();
        }
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  const dataDir = options.dataDir === null ? undefined : (options.dataDir ?? join(env().DATA_DIR, "pglite"));
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite({ dataDir, extensions: { pg_trgm } });
  const db = drizzlePglite(client, { schema });
  return {
    db: db as unknown as Db,
    kind: "pglite",
    migrate: () => migratePglite(db, { migrationsFolder }),
    close: () => client.close(),
  };
}

const globalForDb = globalThis as unknown as {
  __identityDb?: { handle: DbHandle; ready: Promise<void> };
  /** Set by closeDb: the process is stopping, and nothing may open the database again. */
  __identityDbClosed?: boolean;
};

/** The process-wide database (cached across hot reloads), migrated before first use. */
export async function getDb(): Promise<Db> {
  // A request that arrives while the server stops must not open a second embedded database that
  // nobody closes: its unclean end would empty the unlogged keys table at the next start.
  if (globalForDb.__identityDbClosed)
    throw Object.assign(new Error("the database is closed: the server is stopping"), {
      code: "SHUTTING_DOWN",
    });
  if (!globalForDb.__identityDb) {
    const handle = openDatabase({ url: env().DATABASE_URL });
    const ready = handle.migrate();
    globalForDb.__identityDb = { handle, ready };
    ready.catch(() => {
      globalForDb.__identityDb = undefined;
    });
  }
  await globalForDb.__identityDb.ready;
  return globalForDb.__identityDb.handle.db;
}

export function getDbKind(): "pglite" | "postgres" {
  return env().DATABASE_URL ? "postgres" : "pglite";
}

/** For tests and CLIs: use this handle as the process-wide database. */
export function setDbForProcess(handle: DbHandle): void {
  globalForDb.__identityDbClosed = false;
  globalForDb.__identityDb = { handle, ready: Promise.resolve() };
}

/** Closes the process-wide database for good: getDb refuses from now on. */
export async function closeDb(): Promise<void> {
  globalForDb.__identityDbClosed = true;
  const current = globalForDb.__identityDb;
  globalForDb.__identityDb = undefined;
  if (current) await current.handle.close();
}

export { schema };
