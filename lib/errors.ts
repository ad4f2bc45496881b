/**
 * The one error type that services throw for expected failures. Route handlers map `status` to
 * HTTP (problem+json), server actions turn it into `{ message, errors }` for the form.
 *
 * Never test these with `instanceof`: the production build can hold a class in more than one chunk,
 * and then `error instanceof AppError` is false for an AppError from the other copy (a busy pipeline
 * answered 500 that way). `isAppError` checks a brand kept under a `Symbol.for` key, which every copy
 * of this module (and every realm) shares, and callers tell errors apart by their stable `code`.
 */
const APP_ERROR = Symbol.for("identity-manager.app-error");

export class AppError extends Error {
  readonly [APP_ERROR] = true;
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
    readonly fieldErrors?: Record<string, string[]>,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** True for an AppError from any copy of this module. */
export function isAppError(error: unknown): error is AppError {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { [APP_ERROR]?: unknown })[APP_ERROR] === true &&
    typeof (error as { code?: unknown }).code === "string" &&
    typeof (error as { status?: unknown }).status === "number"
  );
}

/** True for an AppError with this code (or one of these codes). */
export function hasErrorCode(error: unknown, ...codes: string[]): error is AppError {
  return isAppError(error) && codes.includes(error.code);
}

/** Seconds the client should wait before retrying, when the error says so. */
export function retryAfterSeconds(error: AppError): number | undefined {
  const value = error.extra?.retryAfterSeconds;
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.ceil(value) : undefined;
}

export const notFound = (what = "Not found") => new AppError("NOT_FOUND", what, 404);
export const forbidden = () => new AppError("FORBIDDEN", "You do not have permission to do this.", 403);
export const unauthorized = () => new AppError("UNAUTHORIZED", "Sign in to continue.", 401);

/**
 * The error and the errors it wraps, outermost first (at most five): Drizzle wraps the driver's
 * error in `cause`, and postgres.js and PGlite both put the SQLSTATE on that one as `code`.
 */
export function* causeChain(error: unknown): Generator<object> {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof e === "object") yield e;
  }
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (const e of causeChain(error)) {
    const err = e as { code?: string; constraint_name?: string; constraint?: string };
    if (err.code === "23505") {
      const name = err.constraint_name ?? err.constraint;
      return !constraint || !name || name === constraint;
    }
  }
  return false;
}
