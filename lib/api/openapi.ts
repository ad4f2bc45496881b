import { z } from "zod";
import type { EndpointDef } from "./endpoint";
import { ENDPOINTS } from "./endpoints";
import { OPERATION_EXAMPLES } from "./examples";
import { problemSchema, problemTypeUri } from "./problem";
import { componentId, requestComponents, responseComponents } from "./registry";

type JsonSchema = Record<string, unknown>;

/** A converted schema without the keys that only make sense for a standalone JSON Schema document. */
function embedded(json: unknown): JsonSchema {
  const copy = { ...(json as JsonSchema) };
  delete copy.$schema;
  delete copy.$id;
  return copy;
}
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** All components: requests converted as the handler accepts them, responses as it produces them. */
function buildComponents(): Record<string, JsonSchema> {
  const uri = (id: string) => `#/components/schemas/${id}`;
  const converted = {
    ...z.toJSONSchema(requestComponents, { io: "input", uri }).schemas,
    ...z.toJSONSchema(responseComponents, { io: "output", uri }).schemas,
  };
  return Object.fromEntries(Object.entries(converted).map(([id, json]) => [id, embedded(json)]));
}

function parameters(endpoint: EndpointDef) {
  const out: JsonSchema[] = [];
  for (const [where, schema] of [
    ["path", endpoint.params],
    ["query", endpoint.query],
  ] as const) {
    if (!schema) continue;
    for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      const { description, ...rest } = embedded(z.toJSONSchema(field, { io: "input" }));
      out.push({
        name,
        in: where,
        required: where === "path" || !field.safeParse(undefined).success,
        description,
        schema: rest,
      });
    }
  }
  for (const header of endpoint.headers ?? []) {
    const schema = embedded(z.toJSONSchema(header.schema, { io: "input" }));
    out.push({
      name: header.name,
      in: "header",
      required: header.required,
      description: header.description,
      schema,
    });
  }
  return out;
}

/** The code a status most often carries, for the problem examples. */
const PROBLEM_BY_STATUS: Record<number, [code: string, title: string]> = {
  400: ["INVALID_PARAMETER", "Invalid parameter"],
  401: ["UNAUTHORIZED", "Unauthorized"],
  404: ["NOT_FOUND", "Not found"],
  409: ["ALREADY_DECIDED", "Conflict"],
  413: ["PAYLOAD_TOO_LARGE", "Payload too large"],
  415: ["UNSUPPORTED_MEDIA_TYPE", "Unsupported media type"],
  422: ["VALIDATION_FAILED", "Validation failed"],
  429: ["RATE_LIMITED", "Too many requests"],
  500: ["INTERNAL", "Internal error"],
  503: ["BUSY", "Service unavailable"],
};

function problemExample(status: number, description: string) {
  const [code, title] = PROBLEM_BY_STATUS[status] ?? ["INTERNAL", "Error"];
  return { type: problemTypeUri(code), title, status, code, detail: description };
}

const COMMON_PROBLEMS: Record<number, string> = {
  401: "Missing, malformed, unknown or revoked API key (one answer for all)",
  429: "Rate limit for this key reached; see Retry-After",
  500: "Unexpected error; nothing about it is disclosed",
};

function operation(endpoint: EndpointDef) {
  const examples = OPERATION_EXAMPLES[endpoint.operationId];
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(endpoint.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.headers && {
        headers: Object.fromEntries(
          Object.entries(response.headers).map(([name, description]) => [
            name,
            { description, schema: { type: "string" } },
          ]),
        ),
      }),
      ...(response.schema && {
        content: {
          "application/json": {
            schema: ref(componentId(response.schema)),
            example: examples?.responses[Number(status)],
          },
        },
      }),
    };
  }
  // What the wrapper itself can answer, from what the endpoint declares; the endpoint's own wording wins.
  const fromWrapper: Record<number, string> = endpoint.public ? {} : { ...COMMON_PROBLEMS };
  if (endpoint.params || endpoint.query) fromWrapper[400] = "Invalid path or query parameter";
  if (endpoint.body) {
    const json = endpoint.body.type === "json";
    fromWrapper[400] = json ? "Malformed JSON" : "Unreadable multipart body";
    fromWrapper[413] = `Body over ${endpoint.body.maxBytes} bytes`;
    fromWrapper[415] = `Content-Type is not ${json ? "application/json" : "multipart/form-data"}`;
    fromWrapper[422] = "The body does not match the schema";
  }
  const problems = { ...fromWrapper, ...endpoint.problems };
  for (const [status, description] of Object.entries(problems)) {
    responses[status] = {
      description,
      content: {
        "application/problem+json": {
          schema: ref(componentId(problemSchema)),
          example: problemExample(Number(status), description),
        },
      },
    };
  }
  return {
    operationId: endpoint.operationId,
    summary: endpoint.summary,
    ...(endpoint.description && { description: endpoint.description }),
    tags: [endpoint.tag],
    ...(endpoint.public && { security: [] }),
    parameters: parameters(endpoint),
    ...(endpoint.body && {
      requestBody: {
        required: !endpoint.body.optional,
        content: {
          [endpoint.body.type === "json" ? "application/json" : "multipart/form-data"]: {
            schema: ref(componentId(endpoint.body.schema)),
            example: examples?.request,
          },
        },
        description: `At most ${endpoint.body.maxBytes} bytes.`,
      },
    }),
    responses,
  };
}

/** The OpenAPI 3.1 document, built from the same endpoint declarations and zod schemas the handlers use. */
export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of ENDPOINTS) {
    (paths[endpoint.path] ??= {})[endpoint.method.toLowerCase()] = operation(endpoint);
  }
  paths["/api/v1/openapi.json"] = {
    get: {
      operationId: "getOpenApiDocument",
      summary: "This document",
      tags: ["Meta"],
      security: [],
      responses: {
        200: {
          description: "OpenAPI 3.1 document",
          content: { "application/json": { schema: { type: "object" } } },
        },
      },
    },
  };
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Identity Manager API",
      version: "1.0.0",
      description:
        "Manage identities and issue self-registration links. Authenticate with `Authorization: Bearer <API key>` " +
        "(owners create keys under Settings). Errors are RFC 9457 problem details (`application/problem+json`) with a stable `code`.",
    },
    servers: [{ url: "/" }],
    security: [{ apiKey: [] }],
    tags: [
      { name: "Identities" },
      { name: "Upload links" },
      { name: "Approvals" },
      { name: "Search" },
      { name: "Campaigns" },
      { name: "Meta" },
    ],
    paths,
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "imk_…",
          description: "An API key of your organization",
        },
      },
      schemas: buildComponents(),
    },
  };
}
