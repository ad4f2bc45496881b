import { CAMPAIGN_ENDPOINTS } from "./campaign-endpoints";
import { MAX_DIRECT_UPLOAD_BYTES } from "./limits";
import { defineEndpoint, type EndpointDef } from "./endpoint";
import {
  approvalDecisionSchema,
  approvalListQuerySchema,
  approvalPageSchema,
  approvalRejectSchema,
  approvalParamsSchema,
  identityCreateSchema,
  identityListQuerySchema,
  identityPageSchema,
  identityRefParamsSchema,
  identitySchema,
  identityUpdateSchema,
  idempotencyKeySchema,
  portraitResultSchema,
  portraitUploadSchema,
  revokeLinkParamsSchema,
  searchRequestSchema,
  searchResultSchema,
  uploadLinkBatchResultSchema,
  uploadLinkBatchSchema,
} from "./schemas";

const JSON_SMALL = 64 * 1024;
/** 1 000 items with 128-character external IDs fit with room to spare. */
const JSON_BATCH = 512 * 1024;

export const listIdentitiesEndpoint = defineEndpoint({
  operationId: "listIdentities",
  method: "GET",
  path: "/api/v1/identities",
  tag: "Identities",
  summary: "List identities",
  description: "Ordered by name, with keyset pagination: pass the previous page's `nextCursor` as `cursor`.",
  query: identityListQuerySchema,
  responses: { 200: { description: "One page of identities", schema: identityPageSchema } },
  problems: { 400: "Invalid query parameter or cursor" },
});

export const createIdentityEndpoint = defineEndpoint({
  operationId: "createIdentity",
  method: "POST",
  path: "/api/v1/identities",
  tag: "Identities",
  summary: "Create an identity",
  body: { type: "json", schema: identityCreateSchema, maxBytes: JSON_SMALL },
  responses: {
    201: { description: "Created", schema: identitySchema, headers: { Location: "URL of the new identity" } },
  },
  problems: {
    409: "External ID already used in your organization",
    413: "Body too large",
    415: "Not JSON",
    422: "Invalid fields",
  },
});

export const getIdentityEndpoint = defineEndpoint({
  operationId: "getIdentity",
  method: "GET",
  path: "/api/v1/identities/{id}",
  tag: "Identities",
  summary: "Get one identity",
  params: identityRefParamsSchema,
  responses: { 200: { description: "The identity", schema: identitySchema } },
  problems: { 404: "No such identity in your organization" },
});

export const updateIdentityEndpoint = defineEndpoint({
  operationId: "updateIdentity",
  method: "PATCH",
  path: "/api/v1/identities/{id}",
  tag: "Identities",
  summary: "Change an identity",
  description: "Only the fields sent change; send `null` to clear `email` or `notes`.",
  params: identityRefParamsSchema,
  body: { type: "json", schema: identityUpdateSchema, maxBytes: JSON_SMALL },
  responses: { 200: { description: "The changed identity", schema: identitySchema } },
  problems: {
    404: "No such identity",
    409: "External ID already used",
    413: "Body too large",
    415: "Not JSON",
    422: "Invalid fields",
  },
});

export const deleteIdentityEndpoint = defineEndpoint({
  operationId: "deleteIdentity",
  method: "DELETE",
  path: "/api/v1/identities/{id}",
  tag: "Identities",
  summary: "Delete an identity and all its biometric data",
  description: "Portraits, face templates, pending approval requests and upload links go with it.",
  params: identityRefParamsSchema,
  responses: { 204: { description: "Deleted", schema: null } },
  problems: { 404: "No such identity" },
});

export const putPortraitEndpoint = defineEndpoint({
  operationId: "putPortrait",
  method: "PUT",
  path: "/api/v1/identities/{id}/portrait",
  tag: "Identities",
  summary: "Upload an identity's portrait",
  description:
    "Checked and applied at once; the previous portrait is kept as history. A rejected photo changes nothing.",
  params: identityRefParamsSchema,
  body: { type: "multipart", schema: portraitUploadSchema, maxBytes: MAX_DIRECT_UPLOAD_BYTES },
  responses: { 200: { description: "The new current portrait", schema: portraitResultSchema } },
  problems: {
    404: "No such identity",
    413: "File too large",
    415: "Not multipart, or an unsupported image format",
    422: "Rejected by the quality check (`report` says why) or invalid fields",
    503: "Portrait processing is busy; retry after Retry-After",
  },
});

export const issueUploadLinksEndpoint = defineEndpoint({
  operationId: "issueUploadLinks",
  method: "POST",
  path: "/api/v1/upload-links",
  tag: "Upload links",
  summary: "Issue self-registration links in a batch",
  description:
    "All or nothing: if any item names an unknown identity (or one twice), nothing is issued and the 422 lists the items by index. " +
    "Issuing a link revokes the identity's previous one. With an `Idempotency-Key`, a retry replays the first response " +
    "(and never issues a second set of links).",
  headers: [
    {
      name: "Idempotency-Key",
      description: "Makes retries safe",
      required: false,
      schema: idempotencyKeySchema,
    },
  ],
  body: { type: "json", schema: uploadLinkBatchSchema, maxBytes: JSON_BATCH },
  responses: { 201: { description: "The links, in request order", schema: uploadLinkBatchResultSchema } },
  problems: {
    400: "Invalid Idempotency-Key",
    409: "The same Idempotency-Key is being processed right now",
    413: "Body too large",
    415: "Not JSON",
    422: "Invalid body, unknown or duplicate identities (listed by index), or an Idempotency-Key reused with another body",
  },
});

export const revokeUploadLinkEndpoint = defineEndpoint({
  operationId: "revokeUploadLink",
  method: "DELETE",
  path: "/api/v1/upload-links/{identityId}",
  tag: "Upload links",
  summary: "Revoke an identity's active upload link",
  params: revokeLinkParamsSchema,
  responses: { 204: { description: "Revoked", schema: null } },
  problems: { 404: "No such identity, or it has no active link (code NO_ACTIVE_LINK)" },
});

export const listApprovalsEndpoint = defineEndpoint({
  operationId: "listApprovals",
  method: "GET",
  path: "/api/v1/approvals",
  tag: "Approvals",
  summary: "List approval requests",
  description: "Uploads made through links that require approval. Pending ones are a queue (oldest first).",
  query: approvalListQuerySchema,
  responses: { 200: { description: "One page of requests", schema: approvalPageSchema } },
  problems: { 400: "Invalid query parameter or cursor" },
});

const decision = <const V extends "approve" | "reject">(verb: V) =>
  ({
    operationId: `${verb}Approval` as const,
    method: "POST",
    path: `/api/v1/approvals/{id}/${verb}` as const,
    tag: "Approvals",
    params: approvalParamsSchema,
    responses: { 200: { description: "Decided", schema: approvalDecisionSchema } },
    problems: { 404: "No such request in your organization", 409: "Already decided (code ALREADY_DECIDED)" },
  }) as const;

export const approveApprovalEndpoint = defineEndpoint({
  ...decision("approve"),
  summary: "Approve: the upload becomes the identity's portrait",
});

export const rejectApprovalEndpoint = defineEndpoint({
  ...decision("reject"),
  summary: "Reject: the upload and its image are deleted",
  description:
    "The body is optional: a `reason` code (the same list the console offers) and a `note` are kept on the request and shown in the identity's history.",
  body: { type: "json", schema: approvalRejectSchema, maxBytes: JSON_SMALL, optional: true },
  problems: {
    ...decision("reject").problems,
    415: "A body that is not JSON",
    422: "Unknown reason code or note too long",
  },
});

export const searchByFaceEndpoint = defineEndpoint({
  operationId: "searchByFace",
  method: "POST",
  path: "/api/v1/search",
  tag: "Search",
  summary: "Search identities by face",
  description:
    "Compares the photo's face template with every searchable current portrait of your organization.",
  body: { type: "multipart", schema: searchRequestSchema, maxBytes: MAX_DIRECT_UPLOAD_BYTES },
  responses: { 200: { description: "Matches, best first", schema: searchResultSchema } },
  problems: {
    413: "File too large",
    415: "Not multipart, or an unsupported image format",
    422: "No face found, or invalid fields",
    503: "Busy; retry after Retry-After",
  },
});

/** Every operation, in the order the reference lists them. */
export const ENDPOINTS: readonly EndpointDef[] = [
  listIdentitiesEndpoint,
  createIdentityEndpoint,
  getIdentityEndpoint,
  updateIdentityEndpoint,
  deleteIdentityEndpoint,
  putPortraitEndpoint,
  issueUploadLinksEndpoint,
  revokeUploadLinkEndpoint,
  listApprovalsEndpoint,
  approveApprovalEndpoint,
  rejectApprovalEndpoint,
  searchByFaceEndpoint,
  ...CAMPAIGN_ENDPOINTS,
];
