import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ENDPOINTS } from "./endpoints";
import { OPERATION_EXAMPLES } from "./examples";
import { buildOpenApiDocument } from "./openapi";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("API examples", () => {
  it("every operation has an example for its body and each success response, and each parses with the operation's own schema", () => {
    expect(Object.keys(OPERATION_EXAMPLES).sort()).toEqual(ENDPOINTS.map((e) => e.operationId).sort());
    for (const endpoint of ENDPOINTS) {
      const examples = OPERATION_EXAMPLES[endpoint.operationId]!;
      if (endpoint.body?.type === "json") {
        const parsed = endpoint.body.schema.safeParse(examples.request);
        expect(parsed.error?.issues, `${endpoint.operationId} request`).toBeUndefined();
      } else if (endpoint.body) {
        // Multipart: the text fields parse; files are shown as a placeholder.
        const shape = (endpoint.body.schema as z.ZodObject).shape as Record<string, z.ZodType>;
        expect(Object.keys(examples.request ?? {}).sort(), endpoint.operationId).toEqual(
          Object.keys(shape).sort(),
        );
        for (const [field, value] of Object.entries(examples.request ?? {})) {
          if (field === "image") continue;
          expect(shape[field]!.safeParse(value).success, `${endpoint.operationId}.${field}`).toBe(true);
        }
      } else expect(examples.request, endpoint.operationId).toBeUndefined();
      for (const [status, response] of Object.entries(endpoint.responses)) {
        const example = examples.responses[Number(status)];
        if (!response.schema) {
          expect(example, `${endpoint.operationId} ${status}`).toBeUndefined();
          continue;
        }
        const parsed = response.schema.safeParse(example);
        expect(parsed.error?.issues, `${endpoint.operationId} ${status}`).toBeUndefined();
      }
    }
  });

  it("the OpenAPI document carries a request and a response example for every operation, problems included", () => {
    const doc = buildOpenApiDocument();
    let operations = 0;
    for (const methods of Object.values(doc.paths)) {
      for (const op of Object.values(methods) as Json[]) {
        operations++;
        for (const content of Object.values((op.requestBody?.content ?? {}) as Json)) {
          expect(content.example, `${op.operationId} request`).toBeDefined();
        }
        for (const [status, response] of Object.entries(op.responses as Json)) {
          for (const [type, content] of Object.entries((response.content ?? {}) as Json)) {
            if (op.operationId === "getOpenApiDocument") continue;
            expect(content.example, `${op.operationId} ${status} ${type}`).toBeDefined();
            if (type === "application/problem+json") expect(content.example.status).toBe(Number(status));
          }
        }
      }
    }
    expect(operations).toBe(ENDPOINTS.length + 1);
  });
});
