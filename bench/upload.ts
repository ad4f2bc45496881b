// `npm run bench -- upload [--runs 15]`
// Server time of the public upload endpoint for a ~2 MB phone photo (multipart parsing, link check,
// quality check, face template, transaction), then 20 parallel uploads: each must succeed or get
// 503 + Retry-After, never a 500. Uses its own fresh database (PostgreSQL when DATABASE_URL is set).
import { parseArgs } from "node:util";
import { POST } from "@/app/api/public/uploads/[token]/route";
import { createIdentity } from "@/lib/identities/service";
import { issueUploadLink } from "@/lib/links/service";
import { shutdownPortraitWorkers, warmPortraitWorkers } from "@/lib/portrait";
import { createTestDatabase } from "@/test/db";
import { phonePhoto } from "./_phone-photo";
import { median, percentile, summarize } from "./_stats";
import { benchOwner } from "./_owner";

// In-process requests have no socket: stand in for one trusted proxy that names the client.
process.env.TRUSTED_PROXY_HOPS ??= "1";

const { values } = parseArgs({ options: { runs: { type: "string", default: "15" } } });
const runs = Number(values.runs);

const handle = await createTestDatabase();
const { db } = handle;
warmPortraitWorkers();
const owner = await benchOwner(db, "bench-upload@example.com", "Upload bench");
const actor = { type: "system" as const, label: "bench" };

const photo = await phonePhoto();
console.log(`database: ${handle.kind}; photo: 3024×4032 JPEG, ${(photo.length / 1024 / 1024).toFixed(2)} MB`);

let n = 0;
async function freshToken(): Promise<string> {
  const identity = await createIdentity(db, owner.organizationId, actor, {
    externalId: `U-${++n}`,
    displayName: `Upload ${n}`,
  });
  const link = await issueUploadLink(db, owner.organizationId, actor, identity.id, { storeImage: true });
  return link.url.split("/upload/")[1]!;
}

async function upload(
  token: string,
  ip: string,
): Promise<{ status: number; ms: number; retryAfter: string | null }> {
  const form = new FormData();
  form.append("image", new Blob([new Uint8Array(photo)], { type: "image/jpeg" }), "phone.jpg");
  const request = new Request(`http://localhost/api/public/uploads/${token}`, {
    method: "POST",
    body: form,
    headers: { "x-forwarded-for": ip },
  });
  const started = performance.now();
  const response = await POST(request, { params: Promise.resolve({ token }) });
  await response.arrayBuffer();
  return {
    status: response.status,
    ms: performance.now() - started,
    retryAfter: response.headers.get("retry-after"),
  };
}

// Warm-up: models loaded, JIT warm.
for (let i = 0; i < 3; i++) await upload(await freshToken(), `203.0.113.${i}`);

const sequential: number[] = [];
for (let i = 0; i < runs; i++) {
  const result = await upload(await freshToken(), `198.51.100.${i % 250}`);
  if (result.status !== 200) throw new Error(`upload ${i} answered ${result.status}`);
  sequential.push(result.ms);
}
console.log(summarize("one 2 MB phone photo, server time", sequential));

const tokens = await Promise.all(Array.from({ length: 20 }, () => freshToken()));
const started = performance.now();
const parallel = await Promise.all(tokens.map((t, i) => upload(t, `192.0.2.${i}`)));
const wall = performance.now() - started;
const byStatus = new Map<number, number>();
for (const r of parallel) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
const ok = parallel.filter((r) => r.status === 200).map((r) => r.ms);
console.log(
  `20 parallel uploads: ${[...byStatus].map(([s, c]) => `${c}× ${s}`).join(", ")} in ${wall.toFixed(0)} ms wall; ` +
    `accepted median ${median(ok).toFixed(0)} ms, p95 ${percentile(ok, 95).toFixed(0)} ms`,
);
const bad = parallel.filter((r) => r.status !== 200 && !(r.status === 503 && r.retryAfter));
if (bad.length > 0) throw new Error(`unexpected answers: ${bad.map((b) => b.status).join(", ")}`);
console.log(`peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
await shutdownPortraitWorkers();
await handle.close();
