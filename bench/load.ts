// `npm run bench -- load [--phones 24] [--seconds 40] [--port N]` (after `next build`)
// N phones upload 12 MP photos (about 2 MB each) through their own one-time links for T seconds,
// against the production server (`next start` on a fresh PostgreSQL database of its own), the way
// the upload page does: a 503 is retried on the same link after Retry-After. Prints throughput,
// p50/p95 of the accepted uploads' request time, and how many answers of each status came back.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { waitForHealth } from "@/e2e/server-health";
import { phonePhoto } from "./_phone-photo";
import { median, percentile } from "./_stats";

const { values } = parseArgs({
  options: {
    phones: { type: "string", default: "24" },
    seconds: { type: "string", default: "40" },
    port: { type: "string", default: String(Number(process.env.E2E_PORT_BASE ?? 3217) + 4) },
  },
});
const phones = Number(values.phones);
const seconds = Number(values.seconds);
const port = Number(values.port);
const distDir = process.env.NEXT_DIST_DIR || ".next";
if (!existsSync(join(distDir, "BUILD_ID"))) {
  console.error("no production build: run `npx next build` first");
  process.exit(2);
}

// A database of its own on the PostgreSQL server.
const serverUrl =
  process.env.DATABASE_URL || process.env.TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `imbench_load_${process.pid}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${dbName}`);
const dbUrl = new URL(serverUrl);
dbUrl.pathname = `/${dbName}`;

const dataDir = mkdtempSync(join(tmpdir(), "im-bench-load-"));
const baseUrl = `http://localhost:${port}`;
const server = spawn("npx", ["next", "start", "-p", String(port)], {
  detached: true,
  stdio: "ignore",
  env: {
    ...process.env,
    DATABASE_URL: dbUrl.toString(),
    DATA_DIR: dataDir,
    APP_URL: baseUrl,
    AUTH_SECRET: "bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz",
    NEXT_TELEMETRY_DISABLED: "1",
  },
});
const stop = async () => {
  if (server.pid) process.kill(-server.pid, "SIGTERM");
  await new Promise((r) => setTimeout(r, 1000));
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
};

try {
  await waitForHealth(baseUrl, "the server did not start");
  const db = postgres(dbUrl.toString(), { max: 4, onnotice: () => {} });
  const [org] = await db<
    { id: string }[]
  >`insert into organizations (name, slug) values ('Load bench', 'load-bench') returning id`;
  let n = 0;
  async function newLink(): Promise<string> {
    const [identity] = await db<
      { id: string }[]
    >`insert into identities (organization_id, external_id, display_name)
      values (${org!.id}, ${`L-${++n}`}, ${`Load ${n}`}) returning id`;
    const token = `upl_${randomBytes(32).toString("base64url")}`;
    await db`insert into upload_links (organization_id, identity_id, token_hash, store_image, quality_check, require_approval, expires_at)
      values (${org!.id}, ${identity!.id}, ${createHash("sha256").update(token).digest("hex")}, true, true, false, now() + interval '1 hour')`;
    return token;
  }

  const photo = await phonePhoto();
  const boundary = `----bench${randomBytes(8).toString("hex")}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="phone.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    photo,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  console.log(
    `${phones} phones × ${seconds} s, 3024×4032 JPEG of ${(photo.length / 1024 / 1024).toFixed(2)} MB, server: next start on PostgreSQL`,
  );

  // Each phone is a client of its own: its own loopback address (the server counts sockets).
  const upload = (token: string, uploadId: string, from: string) =>
    new Promise<{ status: number; retryAfter: number; ms: number }>((resolve) => {
      const started = performance.now();
      const request = http.request(
        {
          host: "127.0.0.1",
          port,
          path: `/api/public/uploads/${token}`,
          method: "POST",
          localAddress: from,
          agent: false,
          headers: {
            "content-type": `multipart/form-data; boundary=${boundary}`,
            "content-length": String(body.length),
            "upload-id": uploadId,
            // Ignored by default (the socket counts); lets a server behind TRUST_PROXY see phones too.
            "x-forwarded-for": from,
          },
        },
        (response) => {
          response.resume();
          response.on("end", () =>
            resolve({
              status: response.statusCode ?? 0,
              retryAfter: Number(response.headers["retry-after"] ?? 0),
              ms: performance.now() - started,
            }),
          );
        },
      );
      request.on("error", () => resolve({ status: 0, retryAfter: 1, ms: performance.now() - started }));
      request.end(body);
    });

  const statuses = new Map<number, number>();
  const accepted: number[] = [];
  const untilSuccess: number[] = [];
  const deadline = Date.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: phones }, async (_, phone) => {
      const from = `127.0.77.${phone + 1}`;
      while (Date.now() < deadline) {
        const token = await newLink();
        const uploadId = randomBytes(16).toString("hex");
        const first = performance.now();
        for (;;) {
          const r = await upload(token, uploadId, from);
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          if (r.status === 200) {
            accepted.push(r.ms);
            untilSuccess.push(performance.now() - first);
            break;
          }
          if (r.status !== 503 || Date.now() >= deadline) break;
          await new Promise((resolve) => setTimeout(resolve, Math.max(1, r.retryAfter) * 1000));
        }
      }
    }),
  );
  const wall = (performance.now() - started) / 1000;
  console.log(`answers: ${[...statuses].map(([s, c]) => `${c} × ${s}`).join(", ")}`);
  console.log(
    `throughput: ${(accepted.length / wall).toFixed(2)} accepted photos/s (${accepted.length} in ${wall.toFixed(1)} s)`,
  );
  console.log(
    `accepted uploads, request time: p50 ${(median(accepted) / 1000).toFixed(2)} s, p95 ${(percentile(accepted, 95) / 1000).toFixed(2)} s`,
  );
  console.log(
    `accepted uploads, time to success incl. 503 retries: p50 ${(median(untilSuccess) / 1000).toFixed(2)} s, p95 ${(percentile(untilSuccess, 95) / 1000).toFixed(2)} s`,
  );
  await db.end();
} finally {
  await stop();
}
