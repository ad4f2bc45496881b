/**
 * A request and response example for every operation, by operationId. The OpenAPI document carries
 * them (so the reference shows them), and examples.test.ts parses each with the operation's own zod
 * schema, so an example that stops matching the API fails the tests instead of misleading a reader.
 */
const ID = "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
const ID2 = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
const PORTRAIT = "2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091";
const REQUEST = "c0ffee00-1234-4abc-8def-0123456789ab";
const CAMPAIGN = "d4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70";
const AT = "2026-11-26T09:30:00.000Z";
const UNTIL = "2026-12-03T09:30:00.000Z";
const URL_ = "https://id.example.com/upload/upl_Vq3xY0b2k9Zr1uJm8wQe5tHs7pLd4cNf6gAo3iKy2vB";

const identity = {
  id: ID,
  externalId: "EMP-1042",
  displayName: "Maria Garcia",
  email: "maria.garcia@example.com",
  notes: null,
  portrait: { id: PORTRAIT, searchable: true, hasImage: true },
  activeLinkExpiresAt: null,
  pendingApprovals: 0,
  createdAt: AT,
  updatedAt: AT,
};

const report = {
  accepted: true,
  primary: null,
  issues: [],
  metrics: { interEyePx: 92, sharpness: 0.61 },
  timingsMs: { decode: 14, detect: 180 },
  qualityChecked: true,
};

const campaign = {
  id: CAMPAIGN,
  name: "Portraits 2027",
  locale: "ja",
  options: { storeImage: true, qualityCheck: true, requireApproval: true },
  expiresInHours: 168,
  people: 2,
  replacedOnCreate: 0,
  reminders: 0,
  createdBy: "API key “HR sync”",
  createdAt: AT,
};

const campaignLinks = {
  campaign,
  links: [
    {
      identityId: ID,
      externalId: "EMP-1042",
      displayName: "Maria Garcia",
      email: "maria.garcia@example.com",
      url: URL_,
      expiresAt: UNTIL,
      mailed: false,
    },
  ],
};

const approval = {
  id: REQUEST,
  identityId: ID,
  externalId: "EMP-1042",
  displayName: "Maria Garcia",
  status: "pending",
  createdAt: AT,
  decidedAt: null,
  conditions: { storeImage: true, qualityCheck: true, requireApproval: true },
  quality: { checked: true, accepted: true, primary: null, warnings: 0 },
  searchable: true,
};

export interface OperationExamples {
  /** The JSON body, or the multipart form's text fields (files shown as `<file>`). */
  request?: Record<string, unknown>;
  /** One example per success status that has a body. */
  responses: Record<number, unknown>;
}

export const OPERATION_EXAMPLES: Record<string, OperationExamples> = {
  listIdentities: { responses: { 200: { items: [identity], nextCursor: "eyJuIjoibWFyaWEgZ2FyY2lhIn0" } } },
  createIdentity: {
    request: { externalId: "EMP-1042", displayName: "Maria Garcia", email: "maria.garcia@example.com" },
    responses: { 201: { ...identity, portrait: null } },
  },
  getIdentity: { responses: { 200: identity } },
  updateIdentity: {
    request: { displayName: "Maria García", notes: "Night shift" },
    responses: { 200: { ...identity, displayName: "Maria García", notes: "Night shift" } },
  },
  deleteIdentity: { responses: {} },
  putPortrait: {
    request: { image: "<file: photo.jpg>", storeImage: "true", qualityCheck: "true" },
    responses: { 200: { identityId: ID, portraitId: PORTRAIT, searchable: true, imageStored: true, report } },
  },
  issueUploadLinks: {
    request: {
      identities: [{ externalId: "EMP-1042" }, { id: ID2 }],
      options: { storeImage: false, qualityCheck: true, requireApproval: true },
      expiresInHours: 72,
    },
    responses: {
      201: {
        links: [
          { identityId: ID, externalId: "EMP-1042", url: URL_, expiresAt: UNTIL },
          { identityId: ID2, externalId: "EMP-2077", url: `${URL_.slice(0, -4)}Xy9Q`, expiresAt: UNTIL },
        ],
      },
    },
  },
  revokeUploadLink: { responses: {} },
  listApprovals: { responses: { 200: { items: [approval], nextCursor: null } } },
  approveApproval: { responses: { 200: { id: REQUEST, identityId: ID, status: "approved" } } },
  rejectApproval: {
    request: { reason: "FACE_COVERED", note: "Sunglasses on; please take them off." },
    responses: { 200: { id: REQUEST, identityId: ID, status: "rejected" } },
  },
  searchByFace: {
    request: { image: "<file: face.jpg>", limit: "3" },
    responses: {
      200: {
        matches: [
          {
            identityId: ID,
            externalId: "EMP-1042",
            displayName: "Maria Garcia",
            similarity: 96.4,
            samePerson: true,
          },
          {
            identityId: ID2,
            externalId: "EMP-2077",
            displayName: "Ana Silva",
            similarity: 41.2,
            samePerson: false,
          },
        ],
      },
    },
  },
  createCampaign: {
    request: {
      name: "Portraits 2027",
      locale: "ja",
      match: { q: "", filter: "no_portrait" },
      options: { storeImage: true, qualityCheck: true, requireApproval: true },
      expiresInHours: 168,
      email: false,
    },
    responses: { 201: campaignLinks },
  },
  listCampaigns: { responses: { 200: { items: [campaign], nextCursor: null } } },
  getCampaign: {
    responses: {
      200: {
        campaign,
        counts: {
          issued: 2,
          mail_queued: 0,
          delivered: 0,
          bounced: 0,
          not_mailed: 2,
          opened: 1,
          failed_check: 1,
          uploaded: 0,
          awaiting_approval: 0,
          approved: 0,
          rejected: 0,
          not_uploaded: 2,
          expired: 0,
          replaced: 0,
          revoked: 0,
        },
        failureReasons: [{ code: "FACE_TOO_SMALL", attempts: 2, people: 1 }],
        failedAttempts: 2,
      },
    },
  },
  listCampaignMembers: {
    responses: {
      200: {
        items: [
          {
            identityId: ID,
            externalId: "EMP-1042",
            displayName: "Maria Garcia",
            email: "maria.garcia@example.com",
            linkState: "active",
            linkExpiresAt: UNTIL,
            openedAt: AT,
            failedAttempts: 2,
            lastFailureCode: "FACE_TOO_SMALL",
            uploadedAt: null,
            approval: null,
            rejectionReason: null,
            mail: "not_mailed",
            reminders: 0,
          },
        ],
        nextCursor: null,
      },
    },
  },
  remindCampaign: { request: { email: false }, responses: { 201: campaignLinks } },
};
