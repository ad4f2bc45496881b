import { z } from "zod";
import { classifyDbError } from "@/lib/db-errors";
import { isAppError, retryAfterSeconds } from "@/lib/errors";
import { responseComponent } from "./registry";

/** One entry of `errors`: what is wrong where (a JSON Pointer into the request). */
export const problemItemSchema = responseComponent(
  "ProblemItem",
  z.object({
    pointer: z.string().describe("JSON Pointer into the request body or query, e.g. /identities/3"),
    detail: z.string(),
    code: z.string().optional(),
    index: z.number().int().min(0).optional().describe("For batch items: the item's position in the request"),
  }),
);
export type ProblemItem = z.infer<typeof problemItemSchema>;

const qualityIssueSchema = z.object({
  code: z.string(),
  severity: z.enum(["reject", "warn"]),
  message: z.string(),
  messageJa: z.string(),
  measured: z.number().optional(),
  threshold: z.number().optional(),
  score: z.number().optional(),
});

export const qualityReportSchema = responseComponent(
  "QualityReport",
  z.object({
    accepted: z.boolean(),
    primary: qualityIssueSchema.nullable(),
    issues: z.array(qualityIssueSchema),
    metrics: z.record(z.string(), z.number().nullable()),
    face: z
      .object({
        box: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
        landmarks: z.array(z.tuple([z.number(), z.number()])),
        interEyePx: z.number(),
        rollDeg: z.number(),
        yawDeg: z.number(),
        pitchDeg: z.number(),
        score: z.number(),
      })
      .optional()
      .describe("The primary face, in original-image pixels"),
    timingsMs: z.record(z.string(), z.number().nullable()),
    qualityChecked: z.boolean(),
  }),
);

/** RFC 9457 problem details, with a stable `code` and our extensions. */
export const problemSchema = responseComponent(
  "Problem",
  z.object({
    type: z.string().describe("URI reference naming the problem type; resolves to its entry on /api-docs"),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    code: z.string().describe("Stable, machine-readable error code"),
    detail: z.string(),
    errors: z.array(problemItemSchema).optional(),
    report: qualityReportSchema.optional().describe("Quality report, when a portrait was rejected"),
    retryAfterSeconds: z.number().int().optional(),
  }),
);
export type Problem = z.infer<typeof problemSchema>;

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  410: "Gone",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** Codes every client may meet, with what they mean (listed on /api-docs). */
export const PROBLEM_CODES: Record<string, string> = {
  UNAUTHORIZED:
    "No API key, or one that is malformed, unknown or revoked. The answer is the same for all four.",
  RATE_LIMITED: "Too many requests for this key in the current minute; wait Retry-After seconds.",
  PAYLOAD_TOO_LARGE: "The body is larger than this operation accepts.",
  UNSUPPORTED_MEDIA_TYPE: "The Content-Type is not the one this operation takes.",
  MALFORMED_JSON: "The body is not valid JSON.",
  INVALID_PARAMETER: "A path or query parameter is not valid.",
  VALIDATION_FAILED: "The body does not match the operation's schema; `errors` lists each problem.",
  NOT_FOUND: "No such resource in your organization.",
  EXTERNAL_ID_TAKEN: "Another identity of your organization already has this external ID.",
  IDENTITY_NOT_FOUND:
    "Some batch items name identities your organization does not have; `errors` lists them by index.",
  DUPLICATE_IDENTITY: "A batch names the same identity more than once.",
  NO_ACTIVE_LINK: "The identity has no active upload link.",
  IDEMPOTENCY_KEY_REUSED: "This Idempotency-Key was used with a different request body.",
  IDEMPOTENCY_KEY_IN_USE:
    "A request with this Idempotency-Key is still running (rare: requests normally wait for it); retry.",
  IDEMPOTENCY_KEY_INVALID: "The Idempotency-Key header must be 1–255 visible ASCII characters.",
  QUALITY_REJECTED:
    "The portrait failed the quality check; `report` says why (its primary code is the problem code).",
  ALREADY_DECIDED: "The approval request was already approved or rejected.",
  EMAIL_NOT_CONFIGURED: "Mail was asked for, but the server has no SMTP settings (SMTP_URL, MAIL_FROM).",
  EMPTY_SELECTION: "No identity matches the campaign's selection.",
  TOO_MANY_PEOPLE: "A campaign can ask at most 10 000 people at once.",
  BUSY: "Portrait processing is saturated; retry after Retry-After seconds.",
  TEMPORARY_FAILURE:
    "The database could not be reached just now; nothing was changed. Retry after Retry-After seconds.",
  INVALID_INPUT:
    "A value cannot be stored or searched for (for example a NUL character or an unpaired surrogate).",
  INVALID_CURSOR: "The page cursor is not one this API handed out; start from the first page.",
  INTERNAL: "Something failed on our side. Nothing about it is disclosed; try again later.",
};

export const problemTypeUri = (code: string) => `/api-docs#problem-${code.toLowerCase().replace(/_/g, "-")}`;

const API_PROBLEM = Symbol.for("identity-manager.api-problem");

/** An expected failure of an API request, carried to the wrapper which writes it as problem+json. */
export class ApiProblem extends Error {
  readonly [API_PROBLEM] = true;
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly extensions: Partial<Pick<Problem, "errors" | "report" | "retryAfterSeconds">> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = "ApiProblem";
  }
}

export function problemResponse(problem: ApiProblem): Response {
  const body: Problem = {
    type: problemTypeUri(problem.code),
    title: TITLES[problem.status] ?? "Error",
    status: problem.status,
    code: problem.code,
    detail: problem.detail,
    ...problem.extensions,
  };
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store", ...problem.headers },
  });
}

/** True for an ApiProblem from any copy of this module (see isAppError for why not `instanceof`). */
export function isApiProblem(error: unknown): error is ApiProblem {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { [API_PROBLEM]?: unknown })[API_PROBLEM] === true
  );
}

/**
 * The one mapping from errors to problems: ApiProblems as they are, AppErrors (busy, quality, not
 * found…) by their status and code, database errors the client can act on (retryable → 503, a
 * value the database refuses → 400). Anything unexpected becomes a generic 500.
 */
export function toApiProblem(caught: unknown): ApiProblem {
  if (isApiProblem(caught)) return caught;
  const error = classifyDbError(caught);
  if (isAppError(error)) {
    const extensions: ApiProblem["extensions"] = {};
    const extraErrors = error.extra?.errors;
    if (Array.isArray(extraErrors)) extensions.errors = extraErrors as ProblemItem[];
    else if (error.fieldErrors) {
      extensions.errors = Object.entries(error.fieldErrors).flatMap(([field, messages]) =>
        (messages ?? []).map((detail) => ({ pointer: `/${field}`, detail })),
      );
    }
    if (error.extra?.report) extensions.report = error.extra.report as Problem["report"];
    const retry = retryAfterSeconds(error);
    const headers: Record<string, string> = retry ? { "Retry-After": String(retry) } : {};
    if (retry) extensions.retryAfterSeconds = retry;
    return new ApiProblem(error.status, error.code, error.message, extensions, headers);
  }
  return new ApiProblem(500, "INTERNAL", "Something went wrong on our side. Try again later.");
}

/** zod issues → `errors` items with JSON Pointers. */
export function issuesToItems(error: z.ZodError, prefix = ""): ProblemItem[] {
  return error.issues.map((issue) => {
    const pointer =
      prefix +
      (issue.path.length
        ? `/${issue.path.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`
        : "");
    // Items of a top-level array (batch items) are also named by their index.
    const index = typeof issue.path[1] === "number" ? issue.path[1] : undefined;
    return { pointer: pointer || "/", detail: issue.message, ...(index !== undefined ? { index } : {}) };
  });
}
