import {
  campaignCreateSchema,
  campaignDetailSchema,
  campaignIssuedSchema,
  campaignListQuerySchema,
  campaignMemberPageSchema,
  campaignMembersQuerySchema,
  campaignPageSchema,
  campaignParamsSchema,
  campaignRemindSchema,
} from "./campaign-schemas";
import { defineEndpoint } from "./endpoint";
import { idempotencyKeySchema } from "./schemas";

/** 10 000 identity references with 128-character external IDs fit. */
const JSON_CAMPAIGN = 2 * 1024 * 1024;
const JSON_SMALL = 16 * 1024;

const idempotencyHeader = {
  name: "Idempotency-Key",
  description: "Makes retries safe: the same key and body replay the first answer for 24 hours",
  required: false,
  schema: idempotencyKeySchema,
};

export const createCampaignEndpoint = defineEndpoint({
  operationId: "createCampaign",
  method: "POST",
  path: "/api/v1/campaigns",
  tag: "Campaigns",
  summary: "Start a photo campaign",
  description:
    "Issues one self-registration link per person — the people listed in `identities`, or everyone the identities " +
    "list's search and filter `match` — and, with `email: true`, mails each person who has an address (in `locale`). " +
    "Each link replaces the person's active link. The links are in this answer only (tokens are never stored). " +
    "All or nothing for `identities` (unknown ones are listed by index). With an `Idempotency-Key`, a retry replays " +
    "the first answer and never starts a second campaign.",
  headers: [idempotencyHeader],
  body: { type: "json", schema: campaignCreateSchema, maxBytes: JSON_CAMPAIGN },
  responses: {
    201: {
      description: "The campaign and its links, in the order of `identities` (or by name)",
      schema: campaignIssuedSchema,
      headers: { Location: "URL of the campaign" },
    },
  },
  problems: {
    400: "Invalid Idempotency-Key",
    409: "The same Idempotency-Key is being processed right now",
    413: "Body too large",
    415: "Not JSON",
    422:
      "Invalid body; unknown or duplicate identities (by index); nobody matches (EMPTY_SELECTION); more than 10 000 people " +
      "(TOO_MANY_PEOPLE); `email` without SMTP on the server (EMAIL_NOT_CONFIGURED); an Idempotency-Key reused with another body",
  },
});

export const listCampaignsEndpoint = defineEndpoint({
  operationId: "listCampaigns",
  method: "GET",
  path: "/api/v1/campaigns",
  tag: "Campaigns",
  summary: "List campaigns",
  description: "Newest first, with keyset pagination.",
  query: campaignListQuerySchema,
  responses: { 200: { description: "One page of campaigns", schema: campaignPageSchema } },
  problems: { 400: "Invalid query parameter or cursor" },
});

export const getCampaignEndpoint = defineEndpoint({
  operationId: "getCampaign",
  method: "GET",
  path: "/api/v1/campaigns/{id}",
  tag: "Campaigns",
  summary: "A campaign and where its people stand",
  description:
    "Counts of people per state (issued, mailed, opened, failed the quality check, uploaded, waiting for approval, " +
    "approved, rejected, expired unused, replaced by a newer link…) and the failed checks by reason.",
  params: campaignParamsSchema,
  responses: { 200: { description: "The campaign with its counts", schema: campaignDetailSchema } },
  problems: { 404: "No such campaign in your organization" },
});

export const listCampaignMembersEndpoint = defineEndpoint({
  operationId: "listCampaignMembers",
  method: "GET",
  path: "/api/v1/campaigns/{id}/members",
  tag: "Campaigns",
  summary: "The people behind one count",
  description: "By name, with keyset pagination.",
  params: campaignParamsSchema,
  query: campaignMembersQuerySchema,
  responses: { 200: { description: "One page of people", schema: campaignMemberPageSchema } },
  problems: { 400: "Invalid query parameter or cursor", 404: "No such campaign in your organization" },
});

export const remindCampaignEndpoint = defineEndpoint({
  operationId: "remindCampaign",
  method: "POST",
  path: "/api/v1/campaigns/{id}/remind",
  tag: "Campaigns",
  summary: "Remind the people who have not uploaded",
  description:
    "Everyone whose campaign link is unused (expired or not) and was not replaced gets a fresh link, which replaces " +
    "the old one; with `email: true` it is mailed. The new links are in this answer only. Honours `Idempotency-Key`.",
  params: campaignParamsSchema,
  headers: [idempotencyHeader],
  body: { type: "json", schema: campaignRemindSchema, maxBytes: JSON_SMALL },
  responses: { 201: { description: "The new links", schema: campaignIssuedSchema } },
  problems: {
    400: "Invalid Idempotency-Key",
    404: "No such campaign in your organization",
    409: "The same Idempotency-Key is being processed right now",
    413: "Body too large",
    415: "Not JSON",
    422: "Invalid body; `email` without SMTP on the server (EMAIL_NOT_CONFIGURED); an Idempotency-Key reused",
  },
});

export const CAMPAIGN_ENDPOINTS = [
  createCampaignEndpoint,
  listCampaignsEndpoint,
  getCampaignEndpoint,
  listCampaignMembersEndpoint,
  remindCampaignEndpoint,
] as const;
