import "server-only";
import { createHash, hkdfSync } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";
import { env } from "@/lib/env";
import { openJson, sealJson } from "@/lib/sealed-json";
import { ApiProblem } from "./problem";

import { IDEMPOTENCY_TTL_HOURS } from "./limits";

export { IDEMPOTENCY_TTL_HOURS };

export interface StoredReply {
  status: number;
  body: unknown;
}

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** JSON with object keys sorted, so equal requests hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export const requestFingerprint = (operation: string, input: unknown) =>
  sha256(`${operation}\n${canonicalJson(input)}`);

/**
 * Stored replies can hold secrets (upload-link URLs carry their tokens), and the database must
 * never hold a usable token. So the reply is encrypted with a key derived from the server secret
 * and the Idempotency-Key itself, which is stored only as a hash: the rows alone reveal nothing.
 */
function cipherKey(organizationId: string, idempotencyKey: string): Buffer {
  return Buffer.from(
    hkdfSync("sha256", env().AUTH_SECRET, organizationId, `idempotency:${idempotencyKey}`, 32),
  );
}

const seal = (organizationId: string, idempotencyKey: string, body: unknown) =>
  sealJson(cipherKey(organizationId, idempotencyKey), body);

const open = (organizationId: string, idempotencyKey: string, sealed: unknown): unknown =>
  openJson(cipherKey(organizationId, idempotencyKey), sealed);

/**
 * Runs `work` at most once per (organization, Idempotency-Key). The key row, the work's writes and
 * the stored reply commit in ONE transaction, so a crash can never leave work done without its
 * reply (or the reverse), and a retry can never issue a second set of links.
 *
 * A concurrent request with the same key blocks on the key's unique index until the first commits,
 * then replays its reply (or, if the first failed and rolled back, does the work itself). Only
 * successful replies are kept: a failed request changed nothing and may be retried with the same key.
 */
export async function runIdempotent(
  db: Db,
  organizationId: string,
  idempotencyKey: string,
  fingerprint: string,
  work: (tx: Tx) => Promise<StoredReply>,
): Promise<StoredReply & { replayed: boolean }> {
  const keyHash = sha256(idempotencyKey);
  return db.transaction(async (tx) => {
    const row = and(eq(idempotencyKeys.organizationId, organizationId), eq(idempotencyKeys.key, keyHash));
    await tx
      .delete(idempotencyKeys)
      .where(
        and(
          row,
          sql`${idempotencyKeys.createdAt} < now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`,
        ),
      );
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ organizationId, key: keyHash, requestHash: fingerprint })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      const [earlier] = await tx
        .select({
          requestHash: idempotencyKeys.requestHash,
          status: idempotencyKeys.responseStatus,
          body: idempotencyKeys.responseBody,
        })
        .from(idempotencyKeys)
        .where(row);
      if (!earlier || earlier.status === null) {
        throw new ApiProblem(
          409,
          "IDEMPOTENCY_KEY_IN_USE",
          "A request with this Idempotency-Key is still being processed; retry shortly.",
          {},
          { "Retry-After": "1" },
        );
      }
      if (earlier.requestHash !== fingerprint) {
        throw new ApiProblem(
          422,
          "IDEMPOTENCY_KEY_REUSED",
          "This Idempotency-Key was already used with a different request body.",
        );
      }
      return {
        status: earlier.status,
        body: open(organizationId, idempotencyKey, earlier.body),
        replayed: true,
      };
    }
    const reply = await work(tx);
    await tx
      .update(idempotencyKeys)
      .set({ responseStatus: reply.status, responseBody: seal(organizationId, idempotencyKey, reply.body) })
      .where(row);
    return { ...reply, replayed: false };
  });
}
