/**
 * The one error type that services throw for expected failures. Route handlers map `status` to
 * HTTP (problem+json), server actions turn it into `{ message, errors }` for the form.
 */
export class AppError extends Error {
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

export const notFound = (what = "Not found") => new AppError("NOT_FOUND", what, 404);
export const forbidden = () => new AppError("FORBIDDEN", "You do not have permission to do this.", 403);
export const unauthorized = () => new AppError("UNAUTHORIZED", "Sign in to continue.", 401);

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  // postgres.js and PGlite both surface the SQLSTATE as `code`; Drizzle wraps it in `cause`.
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const err = e as { code?: string; constraint_name?: string; constraint?: string };
    if (err.code === "23505") {
      const name = err.constraint_name ?? err.constraint;
      return !constraint || !name || name === constraint;
    }
  }
  return false;
}
