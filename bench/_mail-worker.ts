// The benchmark's "app": a process that runs only the mail outbox worker against DATABASE_URL
// (the same MailWorker class the app starts from instrumentation.ts), killed and restarted by
// bench/campaign.ts. `tsx --conditions=react-server bench/_mail-worker.ts SMTP_URL LEASE_MS`
import { openDatabase } from "@/db/client";
import { MailWorker } from "@/lib/mail/worker";

const [smtpUrl, leaseMs] = process.argv.slice(2);
const handle = openDatabase({ url: process.env.DATABASE_URL });
const worker = new MailWorker(
  async () => handle.db,
  { smtpUrl: smtpUrl!, from: "Identity Manager <no-reply@bench.example>", timeZone: "Asia/Tokyo" },
  { leaseMs: Number(leaseMs ?? 60_000), pollMs: 200 },
).start();
process.on("SIGTERM", () => {
  void worker
    .stop()
    .then(() => handle.close())
    .then(() => process.exit(0));
});
console.log("mail worker ready");
