import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/service";
import { addPeople, makeOrgUser } from "./fixtures";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** An organization with an owner and an API key of its own. */
export async function makeOrgWithKey(db: Db) {
  const org = await makeOrgUser(db, "owner");
  const created = await createApiKey(db, org.organizationId, org.actor, "test key");
  return { ...org, key: created.key, keyId: created.id };
}

/** An organization with an owner, an API key and `count` people, the i-th described by `person(i)`. */
export async function orgWithKeyAndPeople(db: Db, count: number, person: Parameters<typeof addPeople>[3]) {
  const org = await makeOrgWithKey(db);
  return { ...org, people: await addPeople(db, org, count, person) };
}

/**
 * The organization's stored Idempotency-Key row as text: what a leaked database would show of a
 * replayable reply (a test asserts no usable token or raw key is in it).
 */
export async function storedIdempotencyRow(db: Db, organizationId: string): Promise<string> {
  const [stored] = await db
    .select()
    .from(idempotencyKeys)
    .where(eq(idempotencyKeys.organizationId, organizationId));
  return JSON.stringify(stored);
}

/** A POST route handler as a function of the API key, the JSON body and any further headers. */
export const postTo =
  (handler: Handler, path: string) => (key: string, json: unknown, headers?: Record<string, string>) =>
    call(handler, "POST", path, { key, json, headers });

export interface CallOptions {
  key?: string | null;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  query?: Record<string, string>;
}

/** Calls a route handler the way Next does, with a real Request. */
export async function call(handler: Handler, method: string, path: string, options: CallOptions = {}) {
  const url = new URL(path, "http://localhost");
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const headers = new Headers(options.headers);
  if (options.key) headers.set("Authorization", `Bearer ${options.key}`);
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    if (!headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  }
  const request = new Request(url, {
    method,
    headers,
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response bodies
    json: text ? (JSON.parse(text) as Record<string, any>) : null,
  };
}
