import { z } from "zod";
import { text } from "@/lib/validation/text";
import { REVIEWER_NOTE_MAX, rejectionReasonSchema, reviewerNoteSchema } from "@/lib/campaigns/reasons";
import {
  identityInputSchema,
  identityPatchSchema,
  identityFilterSchema,
  portraitAgeMonthsSchema,
} from "@/lib/identities/schemas";
import type { ApprovalRow } from "@/lib/approvals/service";
import type { IdentityRow } from "@/lib/identities/service";
import type { IssuedLink } from "@/lib/links/service";
import { expiresInHoursSchema, linkConditionsSchema, MAX_EXPIRY_HOURS } from "@/lib/links/schemas";
import { qualityReportSchema } from "./problem";
import { requestComponent, responseComponent } from "./registry";

const timestamp = z.iso.datetime();

// ---- identities ----------------------------------------------------------------------------

export const identityRefParamsSchema = z.object({
  id: text().min(1).max(300).describe("The identity's UUID, or `ext:{externalId}`"),
});

export const identitySchema = responseComponent(
  "Identity",
  z.object({
    id: z.uuid(),
    externalId: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    notes: z.string().nullable(),
    portrait: z
      .object({ id: z.uuid(), searchable: z.boolean(), hasImage: z.boolean() })
      .nullable()
      .describe("The current portrait (the search target), or null"),
    activeLinkExpiresAt: timestamp
      .nullable()
      .describe("Expiry of the identity's active upload link, if it has one"),
    pendingApprovals: z.number().int().min(0),
    createdAt: timestamp,
    updatedAt: timestamp,
  }),
);
export type IdentityDto = z.infer<typeof identitySchema>;

export const identityPageSchema = responseComponent(
  "IdentityPage",
  z.object({
    items: z.array(identitySchema),
    nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page"),
  }),
);

export const identityListQuerySchema = z.object({
  q: text().trim().max(200).optional().describe("Substring of the name or external ID"),
  filter: identityFilterSchema.optional(),
  months: portraitAgeMonthsSchema
    .optional()
    .describe("With filter=portrait_older: current portrait older than this many months (default 12)"),
  cursor: text().max(600).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional().describe("Page size, 1–200 (default 50)"),
});

export const identityCreateSchema = requestComponent("IdentityCreate", identityInputSchema.strict());
export const identityUpdateSchema = requestComponent("IdentityUpdate", identityPatchSchema.strict());

export function toIdentityDto(row: IdentityRow): IdentityDto {
  return {
    id: row.id,
    externalId: row.externalId,
    displayName: row.displayName,
    email: row.email,
    notes: row.notes,
    portrait: row.currentPortraitId
      ? { id: row.currentPortraitId, searchable: row.searchable ?? false, hasImage: row.hasThumbnail }
      : null,
    activeLinkExpiresAt: row.linkExpiresAt ? row.linkExpiresAt.toISOString() : null,
    pendingApprovals: row.pendingApprovals,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

// ---- portraits -----------------------------------------------------------------------------

/** Form booleans: "true" / "false" (what curl -F and browsers send). */
const formBoolean = (fallback: boolean, description: string) =>
  z
    .enum(["true", "false"])
    .optional()
    .transform((v) => (v === undefined ? fallback : v === "true"))
    .describe(description);

export const portraitUploadSchema = requestComponent(
  "PortraitUpload",
  z.object({
    image: z
      .file()
      .describe(
        "JPEG, PNG, WebP or AVIF (told by its bytes, not its name or type), at most 15 MB; HEIC, GIF, TIFF, BMP and SVG are refused with UNSUPPORTED_FORMAT",
      ),
    storeImage: formBoolean(true, "false = keep only the face template, not the image"),
    qualityCheck: formBoolean(true, "false = accept any decodable image"),
  }),
);

export const portraitResultSchema = responseComponent(
  "PortraitResult",
  z.object({
    identityId: z.uuid(),
    portraitId: z.uuid(),
    searchable: z.boolean().describe("false when no face template could be computed"),
    imageStored: z.boolean(),
    report: qualityReportSchema,
  }),
);

// ---- upload links --------------------------------------------------------------------------

export const MAX_BATCH = 1000;

export const identityRefSchema = z.union([
  z.strictObject({ id: z.guid().describe("Identity UUID") }),
  z.strictObject({ externalId: text().min(1).max(128).describe("Identity external ID") }),
]);

export const uploadLinkBatchSchema = requestComponent(
  "UploadLinkBatch",
  z.strictObject({
    identities: z
      .array(identityRefSchema)
      .min(1)
      .max(MAX_BATCH)
      .describe(`1–${MAX_BATCH} identities, each by id or externalId`),
    options: linkConditionsSchema
      .strict()
      .default({ storeImage: true, qualityCheck: true, requireApproval: false }),
    expiresInHours: expiresInHoursSchema.optional().describe(`1–${MAX_EXPIRY_HOURS}, default 168 (7 days)`),
  }),
);

export const uploadLinkSchema = responseComponent(
  "UploadLink",
  z.object({
    identityId: z.uuid(),
    externalId: z.string(),
    url: z.url().describe("The one-time link to send to the person"),
    expiresAt: timestamp,
  }),
);

export const uploadLinkBatchResultSchema = responseComponent(
  "UploadLinkBatchResult",
  z.object({ links: z.array(uploadLinkSchema).describe("In the order of the request's identities") }),
);

export type UploadLinkBatchResult = z.infer<typeof uploadLinkBatchResultSchema>;

export const toUploadLinkDto = (link: IssuedLink): z.infer<typeof uploadLinkSchema> => ({
  identityId: link.identityId,
  externalId: link.externalId,
  url: link.url,
  expiresAt: link.expiresAt.toISOString(),
});

export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, "Use 1–255 visible ASCII characters.")
  .describe(
    "Any unique string (a UUID is good). Retrying with the same key and body replays the first response for 24 hours.",
  );

export const revokeLinkParamsSchema = z.object({
  identityId: text().min(1).max(300).describe("The identity's UUID, or `ext:{externalId}`"),
});

// ---- approvals -----------------------------------------------------------------------------

export const approvalListQuerySchema = z.object({
  status: z
    .enum(["pending", "approved", "rejected"])
    .optional()
    .describe("pending (default, oldest first), approved or rejected (newest first)"),
  cursor: text().max(600).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional().describe("Page size, 1–200 (default 50)"),
});

export const approvalSchema = responseComponent(
  "Approval",
  z.object({
    id: z.uuid(),
    identityId: z.uuid(),
    externalId: z.string(),
    displayName: z.string(),
    status: z.enum(["pending", "approved", "rejected"]),
    createdAt: timestamp,
    decidedAt: timestamp.nullable(),
    conditions: z.object({
      storeImage: z.boolean(),
      qualityCheck: z.boolean(),
      requireApproval: z.boolean(),
    }),
    quality: z.object({
      checked: z.boolean(),
      accepted: z.boolean(),
      primary: z.object({ code: z.string(), message: z.string(), severity: z.string() }).nullable(),
      warnings: z.number().int().min(0),
    }),
    searchable: z.boolean().describe("Whether the upload has a face template"),
  }),
);
export type ApprovalDto = z.infer<typeof approvalSchema>;

export const approvalPageSchema = responseComponent(
  "ApprovalPage",
  z.object({ items: z.array(approvalSchema), nextCursor: z.string().nullable() }),
);

export const approvalParamsSchema = z.object({ id: z.guid().describe("Approval request id") });

export const approvalRejectSchema = requestComponent(
  "ApprovalReject",
  z.strictObject({
    reason: rejectionReasonSchema
      .optional()
      .describe(
        "Why the photo is rejected, one code of the console's list (the person reads it in their language); kept on the request and shown in the identity's history",
      ),
    note: reviewerNoteSchema
      .optional()
      .describe(`The reviewer's own words, at most ${REVIEWER_NOTE_MAX} characters, kept with the decision`),
  }),
);

export const approvalDecisionSchema = responseComponent(
  "ApprovalDecision",
  z.object({ id: z.uuid(), identityId: z.uuid(), status: z.enum(["approved", "rejected"]) }),
);

export function toApprovalDto(row: ApprovalRow): ApprovalDto {
  return {
    id: row.id,
    identityId: row.identityId,
    externalId: row.externalId,
    displayName: row.displayName,
    status: row.status,
    createdAt: new Date(row.createdAt).toISOString(),
    decidedAt: row.decidedAt ? new Date(row.decidedAt).toISOString() : null,
    conditions: {
      storeImage: row.conditions.storeImage,
      qualityCheck: row.conditions.qualityCheck,
      requireApproval: row.conditions.requireApproval,
    },
    quality: {
      checked: row.quality.checked,
      accepted: row.quality.accepted,
      primary: row.quality.primary,
      warnings: row.quality.warnings,
    },
    searchable: row.hasTemplate,
  };
}

// ---- search --------------------------------------------------------------------------------

export const searchRequestSchema = requestComponent(
  "FaceSearch",
  z.object({
    image: z.file().describe("A photo with one clearly visible face"),
    limit: z.coerce.number().int().min(1).max(50).optional().describe("How many matches, 1–50 (default 5)"),
  }),
);

export const searchResultSchema = responseComponent(
  "FaceSearchResult",
  z.object({
    matches: z
      .array(
        z.object({
          identityId: z.uuid(),
          externalId: z.string(),
          displayName: z.string(),
          similarity: z.number().min(0).max(100).describe("0–100"),
          samePerson: z.boolean().describe("similarity at or above the calibrated same-person threshold"),
        }),
      )
      .describe("Best first"),
  }),
);
