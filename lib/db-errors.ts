import { AppError } from "@/lib/errors";

/** SQLSTATEs after which the same request can simply be sent again (nothing was committed). */
const RETRYABLE_SQLSTATES = new Set([
  "57P01", // admin_shutdown: pg_terminate_backend, server restart
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: server starting up
  "08000",
  "08001",
  "08003",
  "08004",
  "08006", // connection exceptions
  "40001", // serialization_failure
  "40P01", // deadlock_detected
]);
/** postgres.js and Node socket errors for a connection that is gone or could not be made. */
const RETRYABLE_CLIENT_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
]);

/** True when the database failed in a way a retry can fix: connection lost, server restarting, conflict. */
export function isRetryableDbError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (RETRYABLE_SQLSTATES.has(code) || RETRYABLE_CLIENT_CODES.has(code)))
      return true;
  }
  return false;
}

export const temporaryFailure = () =>
  new AppError(
    "TEMPORARY_FAILURE",
    "We could not save your photo just now. Nothing was saved — please try again in a moment.",
    503,
    undefined,
    { retryAfterSeconds: 2 },
  );
