import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { apiKeys, identities, rateLimits } from "@/db/schema";
import { revokeApiKey } from "@/lib/api-keys/service";
import { env } from "@/lib/env";
import { call, makeOrgWithKey } from "@/test/api";
import { databaseForFile } from "@/test/database-for-file";
import { GET as listIdentities, POST as createIdentity } from "@/app/api/v1/identities/route";
import { defineEndpoint, ok } from "@/lib/api/endpoint";
import { apiRoute } from "@/lib/api/handler";
import { responseComponent } from "@/lib/api/registry";

const handle = databaseForFile();

describe("API key authentication", () => {
  it("gives missing, malformed, wrong and revoked keys the same 401, and touches no key", async () => {
    const { db } = handle;
    const a = await makeOrgWithKey(db);
    const revoked = await makeOrgWithKey(db);
    await revokeApiKey(db, revoked.organizationId, revoked.actor, revoked.keyId);
    const wrong = `imk_${"A".repeat(43)}`;
    const attempts = [
      await call(listIdentities, "GET", "/api/v1/identities"),
      await call(listIdentities, "GET", "/api/v1/identities", {
        headers: { Authorization: "Bearer nonsense" },
      }),
      await call(listIdentities, "GET", "/api/v1/identities", {
        headers: { Authorization: `Basic ${a.key}` },
      }),
      await call(listIdentities, "GET", "/api/v1/identities", { key: wrong }),
      await call(listIdentities, "GET", "/api/v1/identities", {
        key: a.key.slice(0, -1) + (a.key.endsWith("A") ? "B" : "A"),
      }),
      await call(listIdentities, "GET", "/api/v1/identities", { key: revoked.key }),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBe(401);
      expect(attempt.text).toBe(attempts[0]!.text);
      expect(attempt.headers.get("content-type")).toBe("application/problem+json");
      expect(attempt.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
    expect(attempts[0]!.json).toMatchObject({ status: 401, code: "UNAUTHORIZED", title: "Unauthorized" });
    const rows = await db
      .select({ lastUsedAt: apiKeys.lastUsedAt })
      .from(apiKeys)
      .where(eq(apiKeys.id, revoked.keyId));
    expect(rows[0]!.lastUsedAt).toBeNull();
    const [mine] = await db
      .select({ lastUsedAt: apiKeys.lastUsedAt })
      .from(apiKeys)
      .where(eq(apiKeys.id, a.keyId));
    expect(mine!.lastUsedAt).toBeNull();

    const good = await call(listIdentities, "GET", "/api/v1/identities", { key: a.key });
    expect(good.status).toBe(200);
    const [used] = await db
      .select({ lastUsedAt: apiKeys.lastUsedAt })
      .from(apiKeys)
      .where(eq(apiKeys.id, a.keyId));
    expect(used!.lastUsedAt).toBeInstanceOf(Date);
  });
});

describe("request limits", () => {
  it("answers 429 with Retry-After once the key's budget for the minute is spent", async () => {
    const { db } = handle;
    const a = await makeOrgWithKey(db);
    expect((await call(listIdentities, "GET", "/api/v1/identities", { key: a.key })).status).toBe(200);
    const limit = env().API_RATE_LIMIT_PER_MINUTE;
    await db
      .update(rateLimits)
      .set({ count: limit })
      .where(eq(rateLimits.key, `api:key:${a.keyId}`));
    const limited = await call(listIdentities, "GET", "/api/v1/identities", { key: a.key });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited.json).toMatchObject({ code: "RATE_LIMITED", status: 429 });
    // Another key of the same organization has its own budget.
    const other = await makeOrgWithKey(db);
    expect((await call(listIdentities, "GET", "/api/v1/identities", { key: other.key })).status).toBe(200);
  });

  it("refuses a body over the limit with 413 before parsing it, declared or streamed", async () => {
    const { db } = handle;
    const a = await makeOrgWithKey(db);
    const big = JSON.stringify({
      externalId: "BIG-1",
      displayName: "x".repeat(100),
      notes: "n".repeat(70_000),
    });
    const declared = await call(createIdentity, "POST", "/api/v1/identities", {
      key: a.key,
      body: big,
      headers: { "Content-Type": "application/json" },
    });
    expect(declared.status).toBe(413);
    expect(declared.json).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });

    // Chunked, no Content-Length, and not even JSON: cut off by counting, never parsed.
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 10_000_000) return controller.close();
        sent += 16_384;
        controller.enqueue(new Uint8Array(16_384).fill(0x7b));
      },
    });
    const streamed = await call(createIdentity, "POST", "/api/v1/identities", {
      key: a.key,
      body: stream,
      headers: { "Content-Type": "application/json" },
    });
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(1_000_000);
    const created = await db
      .select({ id: identities.id })
      .from(identities)
      .where(eq(identities.organizationId, a.organizationId));
    expect(created).toHaveLength(0);
  });

  it("answers 415 for text/plain, 400 for broken JSON, 422 with pointers for invalid fields", async () => {
    const { db } = handle;
    const a = await makeOrgWithKey(db);
    const body = JSON.stringify({ externalId: "T-1", displayName: "Text" });
    const text = await call(createIdentity, "POST", "/api/v1/identities", {
      key: a.key,
      body,
      headers: { "Content-Type": "text/plain" },
    });
    expect(text.status).toBe(415);
    expect(text.json).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
    const broken = await call(createIdentity, "POST", "/api/v1/identities", {
      key: a.key,
      body: "{nope",
      headers: { "Content-Type": "application/json" },
    });
    expect(broken.status).toBe(400);
    expect(broken.json).toMatchObject({ code: "MALFORMED_JSON" });
    const invalid = await call(createIdentity, "POST", "/api/v1/identities", {
      key: a.key,
      json: { externalId: "has space", displayName: "", extra: 1 },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.json!.code).toBe("VALIDATION_FAILED");
    const pointers = (invalid.json!.errors as { pointer: string }[]).map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(["/externalId", "/displayName"]));
    const badQuery = await call(listIdentities, "GET", "/api/v1/identities", {
      key: a.key,
      query: { limit: "5000" },
    });
    expect(badQuery.status).toBe(400);
    expect(badQuery.json).toMatchObject({ code: "INVALID_PARAMETER", errors: [{ pointer: "/query/limit" }] });
  });
});

describe("unexpected errors", () => {
  it("become a generic 500 that discloses nothing", async () => {
    const { db } = handle;
    const a = await makeOrgWithKey(db);
    const endpoint = defineEndpoint({
      operationId: "boom",
      method: "GET",
      path: "/api/v1/boom",
      tag: "Test",
      summary: "Fails",
      responses: { 200: { description: "never", schema: responseComponent("BoomTest", z.object({})) } },
      problems: {},
    });
    const handler = apiRoute(endpoint, async () => {
      if (Date.now() > 0) throw new Error("password=hunter2 at /srv/secret.ts:12");
      return ok({});
    });
    const response = await call(handler, "GET", "/api/v1/boom", { key: a.key });
    expect(response.status).toBe(500);
    expect(response.json).toMatchObject({ code: "INTERNAL", status: 500 });
    expect(response.text).not.toMatch(/hunter2|secret|\.ts/);
  });
});
