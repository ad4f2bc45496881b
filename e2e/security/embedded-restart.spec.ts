import { spawn } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { expect, test } from "@playwright/test";
import { SEC } from "./env";
import { waitForHealth } from "../server-health";
import { serverPid } from "./net";

/**
 * Issue 11, item 8: the keys of photos held for approval live in an unlogged table, which PostgreSQL
 * empties after an unclean stop. The embedded server (`next start` on PGlite) must therefore close
 * its database on a normal stop (SIGTERM): a pending photo's key survives a restart.
 */

const port = SEC.port + 2;
const dataDir = mkdtempSync(join(tmpdir(), "im-embedded-"));
test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function runServer(): Promise<void> {
  const child = spawn("npx", ["next", "start", "-p", String(port)], {
    detached: true,
    stdio: ["ignore", openSync(join(dataDir, "server.log"), "a"), openSync(join(dataDir, "server.log"), "a")],
    env: {
      ...process.env,
      DATABASE_URL: "",
      DATA_DIR: dataDir,
      APP_URL: `http://localhost:${port}`,
      AUTH_SECRET: "embedded-only-secret-0123456789abcdefghijklmnopqrstuvwxyz",
      FACE_WORKERS: "1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  try {
    await waitForHealth(`http://localhost:${port}`, "the embedded server did not start");
    // A normal stop: SIGTERM to the server, as a service manager or Ctrl-C sends it.
    process.kill(serverPid(port), "SIGTERM");
    for (
      let i = 0;
      i < 60 &&
      (await fetch(`http://localhost:${port}/api/health`).then(
        () => true,
        () => false,
      ));
      i++
    )
      await new Promise((r) => setTimeout(r, 500));
  } finally {
    await new Promise((r) => setTimeout(r, 1000));
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

const open = () => new PGlite({ dataDir: join(dataDir, "pglite"), extensions: { pg_trgm } });

test("a pending photo's key survives a normal stop and start of the embedded server", async () => {
  test.setTimeout(300_000);
  await runServer(); // creates and migrates the database
  const db = open();
  const org = (
    await db.query<{ id: string }>(
      `insert into organizations (name, slug) values ('Restart', 'restart') returning id`,
    )
  ).rows[0]!.id;
  const identity = (
    await db.query<{ id: string }>(
      `insert into identities (organization_id, external_id, display_name) values ($1, 'R-1', 'Restart') returning id`,
      [org],
    )
  ).rows[0]!.id;
  const request = (
    await db.query<{ id: string }>(
      `insert into approval_requests (organization_id, identity_id, quality_report, conditions) values ($1, $2, '{}', '{}') returning id`,
      [org, identity],
    )
  ).rows[0]!.id;
  await db.query(`insert into held_image_keys values ($1, $2)`, [request, Buffer.alloc(32, 7)]);
  await db.close();

  await runServer();
  const after = open();
  const keys = (await after.query<{ n: number }>(`select count(*)::int as n from held_image_keys`)).rows[0]!
    .n;
  await after.close();
  expect(keys, readFileSync(join(dataDir, "server.log"), "utf8")).toBe(1);
});
