import "server-only";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { authenticateApiKey, type ApiKeyPrincipal } from "@/lib/api-keys/service";
import type { Actor } from "@/lib/audit/record";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";
import { hitRateLimit } from "@/lib/rate-limit";
import { mediaType, parseJson, parseMultipart, readLimitedBody, requireMediaType } from "./body";
import type { EndpointDef, EndpointInput, EndpointReply } from "./endpoint";
import { ApiProblem, issuesToItems, problemResponse, toApiProblem } from "./problem";

export interface ApiContext<E extends EndpointDef> extends EndpointInput<E> {
  db: Db;
  request: Request;
  key: ApiKeyPrincipal;
  organizationId: string;
  /** Who audit events name: the API key. */
  actor: Actor;
}

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

const UNAUTHORIZED = () =>
  new ApiProblem(
    401,
    "UNAUTHORIZED",
    "A valid API key is required: send `Authorization: Bearer imk_…`.",
    {},
    { "WWW-Authenticate": 'Bearer realm="api"' },
  );

async function authenticate(db: Db, request: Request): Promise<ApiKeyPrincipal> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer ([^\s]+)$/i.exec(header.trim());
  // Missing, malformed, unknown and revoked keys: one answer, and no write for any of them.
  const principal = match ? await authenticateApiKey(db, match[1]!) : null;
  if (!principal) throw UNAUTHORIZED();
  return principal;
}

async function enforceRateLimit(db: Db, key: ApiKeyPrincipal): Promise<void> {
  const limit = env().API_RATE_LIMIT_PER_MINUTE;
  const hit = await hitRateLimit(db, `api:key:${key.keyId}`, limit, 60);
  if (!hit.allowed) {
    throw new ApiProblem(
      429,
      "RATE_LIMITED",
      `This API key made more than ${limit} requests this minute.`,
      { retryAfterSeconds: hit.retryAfterSeconds },
      {
        "Retry-After": String(hit.retryAfterSeconds),
      },
    );
  }
}

function parsePart<S extends z.ZodType | undefined>(schema: S, value: unknown, prefix: string) {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ApiProblem(400, "INVALID_PARAMETER", "A path or query parameter is not valid.", {
      errors: issuesToItems(parsed.error, prefix),
    });
  }
  return parsed.data;
}

async function readBody(endpoint: EndpointDef, request: Request): Promise<unknown> {
  const spec = endpoint.body;
  if (!spec) return undefined;
  const absent = spec.optional && mediaType(request) === "";
  if (!absent) requireMediaType(request, spec.type === "json" ? "application/json" : "multipart/form-data");
  const bytes = await readLimitedBody(request, spec.maxBytes);
  // Bytes without a Content-Type are refused as before (415); only a truly empty body stands for `{}`.
  if (absent && bytes.length > 0) requireMediaType(request, "application/json");
  const raw = absent ? {} : spec.type === "json" ? parseJson(bytes) : await parseMultipart(request, bytes);
  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) {
    throw new ApiProblem(422, "VALIDATION_FAILED", "The request body is not valid; see `errors`.", {
      errors: issuesToItems(parsed.error),
    });
  }
  return parsed.data;
}

function replyResponse(reply: { status: number; body: unknown; headers?: Record<string, string> }): Response {
  const headers = { "Cache-Control": "no-store", ...reply.headers };
  if (reply.body === null) return new Response(null, { status: reply.status, headers });
  return new Response(JSON.stringify(reply.body), {
    status: reply.status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

/**
 * The one way to write a REST route handler: API key → organization → rate limit → zod-validated
 * params, query and body (size and media type checked before parsing) → work. Expected failures
 * become RFC 9457 problems with stable codes; anything else a generic 500 that discloses nothing.
 */
export function apiRoute<E extends EndpointDef>(
  endpoint: E,
  work: (ctx: ApiContext<NoInfer<E>>) => Promise<EndpointReply<NoInfer<E>>>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const db = await getDb();
      const key = await authenticate(db, request);
      await enforceRateLimit(db, key);
      const url = new URL(request.url);
      const params = parsePart(endpoint.params, await context.params, "/path");
      const query = parsePart(endpoint.query, Object.fromEntries(url.searchParams), "/query");
      const body = await readBody(endpoint, request);
      const actor: Actor = {
        type: "api_key",
        id: key.keyId,
        label: `API key “${key.name}” (${key.prefix}…)`,
      };
      const reply = await work({
        db,
        request,
        key,
        organizationId: key.organizationId,
        actor,
        params,
        query,
        body,
      } as ApiContext<E>);
      return replyResponse(reply);
    } catch (error) {
      const problem = toApiProblem(error);
      if (problem.status === 500) {
        // The client learns nothing; operators get what logError lets through (never query parameters).
        logError(`api ${endpoint.operationId}`, error);
      }
      return problemResponse(problem);
    }
  };
}
