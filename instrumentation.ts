// Runs once when a server instance starts: apply migrations before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First: every request carries its socket's address from now on (rate limits key on it).
    const { installSocketAddressHeader } = await import("./lib/http/socket-address");
    installSocketAddressHeader();
    const { getDb } = await import("./db/client");
    await getDb();
    // Housekeeping on a timer in every instance (an advisory lock lets one of them do the work).
    const { env } = await import("./lib/env");
    const { startMaintenance } = await import("./lib/maintenance/cleanup");
    startMaintenance(getDb, env().MAINTENANCE_INTERVAL_SECONDS);
    // Load the face models now, not on the first person's upload.
    const { warmPortraitWorkers } = await import("./lib/portrait");
    warmPortraitWorkers();
  }
}
