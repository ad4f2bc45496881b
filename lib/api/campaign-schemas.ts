import { z } from "zod";
import { text } from "@/lib/validation/text";
import type { CampaignProgress, CampaignMember } from "@/lib/campaigns/progress";
import { MEMBER_STATES } from "@/lib/campaigns/progress-states";
import type { CampaignSummary } from "@/lib/campaigns/read";
import type { IssuedMember } from "@/lib/campaigns/issue";
import { campaignMatchSchema, campaignSettingsSchema, MAX_CAMPAIGN_PEOPLE } from "@/lib/campaigns/schemas";
import { requestComponent, responseComponent } from "./registry";
import { identityRefSchema } from "./schemas";

const timestamp = z.iso.datetime();

export const campaignCreateSchema = requestComponent(
  "CampaignCreate",
  campaignSettingsSchema
    .extend({
      identities: z
        .array(identityRefSchema)
        .min(1)
        .max(MAX_CAMPAIGN_PEOPLE)
        .optional()
        .describe(`1–${MAX_CAMPAIGN_PEOPLE} identities, each by id or externalId (or use \`match\`)`),
      match: campaignMatchSchema
        .optional()
        .describe("Everyone the identities list's search and filter match (or use `identities`)"),
    })
    .strict()
    .refine((b) => (b.identities === undefined) !== (b.match === undefined), {
      message: "Send either `identities` or `match`, not both.",
      path: ["identities"],
    }),
);

export const campaignRemindSchema = requestComponent(
  "CampaignRemind",
  z.strictObject({
    email: z.boolean().default(false).describe("Mail the new links (needs SMTP on the server)"),
  }),
);

export const campaignParamsSchema = z.object({ id: z.guid().describe("Campaign id") });

export const campaignListQuerySchema = z.object({
  cursor: text().max(600).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional().describe("Page size, 1–200 (default 50)"),
});

export const campaignMembersQuerySchema = z.object({
  state: z
    .enum(MEMBER_STATES)
    .optional()
    .describe("Whose list: one of the counts of the campaign (default issued = everyone)"),
  reason: z
    .string()
    .regex(/^[A-Z_]{1,64}$/)
    .optional()
    .describe("With state=failed_check: only people who failed with this quality code"),
  cursor: text().max(1200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional().describe("Page size, 1–200 (default 50)"),
});

export const campaignSchema = responseComponent(
  "Campaign",
  z.object({
    id: z.uuid(),
    name: z.string(),
    locale: z.enum(["ja", "en"]).describe("The language of its mails"),
    options: z.object({ storeImage: z.boolean(), qualityCheck: z.boolean(), requireApproval: z.boolean() }),
    expiresInHours: z.number().int(),
    people: z.number().int().min(0),
    replacedOnCreate: z
      .number()
      .int()
      .min(0)
      .describe("Active links (issued otherwise) that the campaign's links replaced"),
    reminders: z.number().int().min(0),
    createdBy: z.string().nullable(),
    createdAt: timestamp,
  }),
);

const countsShape = Object.fromEntries(MEMBER_STATES.map((s) => [s, z.number().int().min(0)])) as Record<
  (typeof MEMBER_STATES)[number],
  z.ZodNumber
>;

export const campaignDetailSchema = responseComponent(
  "CampaignDetail",
  z.object({
    campaign: campaignSchema,
    counts: z.object(countsShape).describe("People per state (see `state` of the members list)"),
    failureReasons: z
      .array(z.object({ code: z.string(), attempts: z.number().int(), people: z.number().int() }))
      .describe("Failed quality checks by primary reason, most frequent first"),
    failedAttempts: z.number().int().min(0),
  }),
);

export const campaignPageSchema = responseComponent(
  "CampaignPage",
  z.object({ items: z.array(campaignSchema), nextCursor: z.string().nullable() }),
);

export const campaignLinkSchema = responseComponent(
  "CampaignLink",
  z.object({
    identityId: z.uuid(),
    externalId: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    url: z.url().describe("The person's one-time link (shown only in this answer)"),
    expiresAt: timestamp,
    mailed: z.boolean().describe("A mail with this link was queued"),
  }),
);

export const campaignIssuedSchema = responseComponent(
  "CampaignIssued",
  z.object({ campaign: campaignSchema, links: z.array(campaignLinkSchema) }),
);

export const campaignMemberSchema = responseComponent(
  "CampaignMember",
  z.object({
    identityId: z.uuid(),
    externalId: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    linkState: z.enum(["active", "used", "expired", "replaced", "revoked"]),
    linkExpiresAt: timestamp,
    openedAt: timestamp.nullable(),
    failedAttempts: z.number().int().min(0),
    lastFailureCode: z.string().nullable(),
    uploadedAt: timestamp.nullable(),
    approval: z.enum(["pending", "approved", "rejected"]).nullable(),
    rejectionReason: z.string().nullable(),
    mail: z.enum(["queued", "sent", "bounced", "not_mailed"]),
    reminders: z.number().int().min(0),
  }),
);

export const campaignMemberPageSchema = responseComponent(
  "CampaignMemberPage",
  z.object({ items: z.array(campaignMemberSchema), nextCursor: z.string().nullable() }),
);

type Dto<S extends z.ZodType> = z.input<S>;

export function toCampaignDto(c: CampaignSummary): Dto<typeof campaignSchema> {
  return {
    id: c.id,
    name: c.name,
    locale: c.locale,
    options: c.conditions,
    expiresInHours: c.expiresInHours,
    people: c.people,
    replacedOnCreate: c.replacedOnCreate,
    reminders: c.reminders,
    createdBy: c.createdBy,
    createdAt: c.createdAt.toISOString(),
  };
}

export const toCampaignLinkDto = (m: IssuedMember): Dto<typeof campaignLinkSchema> => ({
  identityId: m.identityId,
  externalId: m.externalId,
  displayName: m.displayName,
  email: m.email,
  url: m.url,
  expiresAt: m.expiresAt.toISOString(),
  mailed: m.mailed,
});

export const toCampaignDetailDto = (
  c: CampaignSummary,
  p: CampaignProgress,
): Dto<typeof campaignDetailSchema> => ({
  campaign: toCampaignDto(c),
  counts: p.counts,
  failureReasons: p.failureReasons,
  failedAttempts: p.failedAttempts,
});

export const toCampaignMemberDto = (m: CampaignMember): Dto<typeof campaignMemberSchema> => ({
  ...m,
  linkExpiresAt: m.linkExpiresAt.toISOString(),
  openedAt: m.openedAt?.toISOString() ?? null,
  uploadedAt: m.uploadedAt?.toISOString() ?? null,
});
