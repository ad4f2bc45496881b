// Runs once when a server instance starts: apply migrations before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First: every request carries its socket's address from now on (rate limits key on it).
    const { installSocketAddressHeader } = await import("./lib/http/socket-address");
    installSocketAddressHeader();
    const { closeDb, getDb, getDbKind } = await import("./db/client");
    await getDb();
    const { stopMailWorker } = await import("./lib/mail/start");
    const embedded = getDbKind() === "pglite";
    // A normal stop (SIGINT/SIGTERM) first stops the mail worker, so the mails it is sending are
    // recorded and the rest go back to the queue, then closes the embedded database: after an
    // unclean stop PostgreSQL empties unlogged tables, and the keys of photos held for approval
    // live in one. Next.js's own signal handler (installed before this runs) ends with
    // process.exit, which would cut both short: do them first, then hand the signal to it.
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      const nextHandlers = process.listeners(signal);
      process.removeAllListeners(signal);
      process.once(signal, () => {
        console.log(
          `[shutdown] ${signal}: stopping the mail worker${embedded ? ", closing the embedded database" : ""}`,
        );
        // Never hang the stop on it: after 10 s, Next.js's shutdown goes ahead anyway.
        const timeout = new Promise((resolve) => setTimeout(resolve, 10_000).unref());
        const stop = async () => {
          await stopMailWorker(5_000);
          // A failed close is said, not swallowed: it would cost the held photos' keys.
          if (embedded)
            await closeDb().catch((error: unknown) =>
              console.error(`[shutdown] closing the embedded database failed: ${String(error)}`),
            );
        };
        void Promise.race([stop(), timeout]).finally(() => {
          console.log("[shutdown] done; stopping the server");
          for (const handler of nextHandlers) handler(signal);
          if (nextHandlers.length === 0) process.exit(0);
        });
      });
    }
    // Housekeeping on a timer in every instance (an advisory lock lets one of them do the work).
    const { env } = await import("./lib/env");
    const { startMaintenance } = await import("./lib/maintenance/cleanup");
    startMaintenance(getDb, env().MAINTENANCE_INTERVAL_SECONDS);
    // Upload links are built from APP_URL: say at once when they could not work on a phone.
    const { isLoopbackUrl } = await import("./lib/app-url");
    const appUrl = env().APP_URL;
    if (isLoopbackUrl(appUrl)) {
      console.warn(
        `[app-url] Upload links point to ${appUrl}: they only work on this computer, not on a phone. ` +
          "Set APP_URL to the address people can reach (e.g. APP_URL=https://id.example.com).",
      );
    } else {
      console.log(`[app-url] Upload links point to ${appUrl}`);
    }
    // Load the face models now, not on the first person's upload.
    const { warmPortraitWorkers } = await import("./lib/portrait");
    warmPortraitWorkers();
    // The mail outbox worker lives in the app process (the embedded database is single-process).
    const { startMailWorker } = await import("./lib/mail/start");
    startMailWorker();
  }
}
