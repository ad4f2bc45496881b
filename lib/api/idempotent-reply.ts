import "server-only";
import type { Db, DbOrTx } from "@/db/client";
import { requestFingerprint, runIdempotent } from "./idempotency";
import { ApiProblem } from "./problem";
import { idempotencyKeySchema } from "./schemas";

/**
 * Runs a creating operation under the request's optional Idempotency-Key: without one, once; with
 * one, at most once per key and body — a retry replays the first reply (marked
 * `Idempotent-Replayed: true`), a different body with the same key is refused.
 */
export async function idempotentReply<B>(
  request: Request,
  db: Db,
  organizationId: string,
  operation: string,
  input: unknown,
  work: (db: DbOrTx) => Promise<B>,
): Promise<{ body: B; headers?: Record<string, string> }> {
  const rawKey = request.headers.get("idempotency-key");
  if (rawKey === null) return { body: await work(db) };
  const key = idempotencyKeySchema.safeParse(rawKey);
  if (!key.success)
    throw new ApiProblem(
      400,
      "IDEMPOTENCY_KEY_INVALID",
      "The Idempotency-Key header must be 1–255 visible ASCII characters.",
    );
  const reply = await runIdempotent(
    db,
    organizationId,
    key.data,
    requestFingerprint(operation, input),
    async (tx) => ({
      status: 201,
      body: await work(tx),
    }),
  );
  return { body: reply.body as B, headers: reply.replayed ? { "Idempotent-Replayed": "true" } : undefined };
}
