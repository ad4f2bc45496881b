// Runs once when a server instance starts: apply migrations before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { getDb } = await import("./db/client");
    await getDb();
    // Load the face models now, not on the first person's upload.
    const { warmPortraitWorkers } = await import("./lib/portrait");
    warmPortraitWorkers();
    // The mail outbox worker lives in the app process (the embedded database is single-process).
    const { startMailWorker } = await import("./lib/mail/start");
    startMailWorker();
  }
}
