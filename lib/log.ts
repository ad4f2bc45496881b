import { env } from "@/lib/env";

/**
 * Server-side error logging that never prints request data: Drizzle's errors embed the failed
 * query's parameters (token hashes, image bytes), so only the error's kind and the database's own
 * message are written.
 */
export function logError(context: string, error: unknown): void {
  const e = error as { name?: string; message?: string; cause?: { message?: string; code?: string } };
  const cause = e?.cause?.message ? ` (cause: ${e.cause.code ?? ""} ${e.cause.message.slice(0, 300)})` : "";
  const message =
    e?.name === "DrizzleQueryError" || String(e?.message).startsWith("Failed query")
      ? "query failed"
      : String(e?.message ?? error).slice(0, 300);
  console.error(`[error] ${context}: ${e?.name ?? "Error"}: ${message}${cause}`);
  // For debugging only: stacks name code locations, never request data.
  if (env().LOG_STACKS === "1" && error instanceof Error)
    console.error(error.stack?.split("\n").slice(1, 12).join("\n"));
}
