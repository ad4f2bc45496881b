import { afterAll, beforeAll } from "vitest";
import type { DbHandle } from "@/db/client";
import { shutdownPortraitWorkers } from "@/lib/portrait/pool";
import { createTestDatabase } from "./db";

/** What a test file sees of its database: the connection, and the server URL on PostgreSQL runs. */
export interface TestDatabase {
  readonly db: DbHandle["db"];
  /** The fresh database's URL on the PostgreSQL server; undefined on PGlite. */
  readonly url: string | undefined;
}

/**
 * The one database set-up for test files: call it at the top of a file and it opens a migrated
 * database of its own before the file's tests (`createTestDatabase`) and, after them, stops any
 * portrait workers a test started and closes (on the server: drops) the database.
 */
export function databaseForFile(): TestDatabase {
  let handle: (DbHandle & { url?: string }) | undefined;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await shutdownPortraitWorkers();
    await handle?.close();
  });
  const opened = () => {
    if (!handle) throw new Error("the test database is opened in beforeAll: use it inside a test or hook");
    return handle;
  };
  return {
    get db() {
      return opened().db;
    },
    get url() {
      return opened().url;
    },
  };
}
