import type { z } from "zod";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface BodySpec {
  type: "json" | "multipart";
  schema: z.ZodType;
  /** Checked before anything is parsed: Content-Length first, then bytes as they arrive. */
  maxBytes: number;
  /**
   * The body may be left out (no Content-Type, no bytes): it is then read as `{}`, so an operation
   * that gained optional fields keeps working for clients that send nothing.
   */
  optional?: boolean;
}

export interface HeaderSpec {
  name: string;
  description: string;
  required: boolean;
  schema: z.ZodType;
}

/**
 * One operation of the REST API, declared once: the wrapper validates with these schemas and the
 * OpenAPI document is generated from them, so the two cannot drift apart.
 */
export interface EndpointDef {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path template, e.g. `/api/v1/identities/{id}`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** Public operations skip the API key (only the OpenAPI document). */
  public?: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: HeaderSpec[];
  body?: BodySpec;
  /** Success statuses → schema of the JSON body, or null for no content. */
  responses: Record<
    number,
    { description: string; schema: z.ZodType | null; headers?: Record<string, string> }
  >;
  /** Problem statuses this operation can answer besides the common ones (401, 429, 500). */
  problems: Record<number, string>;
}

export const defineEndpoint = <const E extends EndpointDef>(endpoint: E): E => endpoint;

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export type EndpointInput<E extends EndpointDef> = {
  params: Out<E["params"]>;
  query: Out<E["query"]>;
  body: E["body"] extends BodySpec ? z.output<E["body"]["schema"]> : undefined;
};

/** What a handler may return: one of the declared success statuses with a body of its schema. */
export type EndpointReply<E extends EndpointDef> = {
  [S in keyof E["responses"] & number]: {
    status: S;
    body: E["responses"][S]["schema"] extends z.ZodType ? z.input<E["responses"][S]["schema"]> : null;
    headers?: Record<string, string>;
  };
}[keyof E["responses"] & number];

// Reply builders: they keep the status a literal, which the reply type checks against the endpoint.
export const ok = <B>(body: B, headers?: Record<string, string>) => ({ status: 200 as const, body, headers });
export const created = <B>(body: B, headers?: Record<string, string>) => ({
  status: 201 as const,
  body,
  headers,
});
export const noContent = () => ({ status: 204 as const, body: null });
