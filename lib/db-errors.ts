import { AppError, causeChain } from "@/lib/errors";

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

/** The SQLSTATE or client error code of a database error, looked for through Drizzle's `cause` chain. */
function dbErrorCode(error: unknown, match: (code: string) => boolean): string | null {
  for (const e of causeChain(error)) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && match(code)) return code;
  }
  return null;
}

/** True when the database failed in a way a retry can fix: connection lost, server restarting, conflict. */
export function isRetryableDbError(error: unknown): boolean {
  return dbErrorCode(error, (c) => RETRYABLE_SQLSTATES.has(c) || RETRYABLE_CLIENT_CODES.has(c)) !== null;
}

/**
 * SQLSTATEs that mean "the database cannot take this value": class 22 (data exception: a NUL byte or
 * an invalid character 22021, a malformed uuid or number 22P02, out of range 22003, a bad timestamp
 * 22007/22008, too long 22001…) and class 54 (program limit exceeded: an index row too large, 54000).
 * Validation should stop such values first; this is the net under it, so they answer 400, not 500.
 */
const isInputSqlstate = (code: string) => /^(22|54)[0-9A-Z]{3}$/.test(code);

/** True when the database refused a value the client sent (see isInputSqlstate). */
export function isDbInputError(error: unknown): boolean {
  return dbErrorCode(error, isInputSqlstate) !== null;
}

export const invalidInput = () =>
  new AppError("INVALID_INPUT", "A value in the request cannot be stored or searched for.", 400);

/**
 * Database failures the client can act on, as AppErrors: retryable ones → 503 TEMPORARY_FAILURE,
 * refused values → 400 INVALID_INPUT. Anything else is returned unchanged (an unexpected error).
 */
export function classifyDbError(error: unknown): unknown {
  if (isRetryableDbError(error)) return temporaryFailure();
  if (isDbInputError(error)) return invalidInput();
  return error;
}

export const temporaryFailure = () =>
  new AppError(
    "TEMPORARY_FAILURE",
    "We could not save your photo just now. Nothing was saved — please try again in a moment.",
    503,
    undefined,
    { retryAfterSeconds: 2 },
  );
