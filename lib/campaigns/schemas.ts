import { z } from "zod";
import { text } from "@/lib/validation/text";
import { identityFilterSchema, portraitAgeMonthsSchema } from "@/lib/identities/schemas";
import { expiresInHoursSchema, linkConditionsSchema } from "@/lib/links/schemas";

/** Most people in one campaign: its links, CSV and mails are made in one request. */
export const MAX_CAMPAIGN_PEOPLE = 10_000;

export const mailLocaleSchema = z.enum(["ja", "en"]);

export const campaignNameSchema = text()
  .trim()
  .min(1, "Name the campaign.")
  .max(120, "Use at most 120 characters.");

/** "All that match" the identities list's search and filter, as the admin saw it. */
export const campaignMatchSchema = z.strictObject({
  q: text().trim().max(200).optional().default("").describe("Substring of the name or external ID"),
  filter: identityFilterSchema.optional().default("all"),
  months: portraitAgeMonthsSchema
    .optional()
    .describe("For filter=portrait_older: portraits older than this many months (default 12)"),
});

export const campaignSettingsSchema = z.object({
  name: campaignNameSchema,
  locale: mailLocaleSchema.default("ja").describe("The language of the mails: ja or en"),
  options: linkConditionsSchema
    .strict()
    .default({ storeImage: true, qualityCheck: true, requireApproval: false }),
  expiresInHours: expiresInHoursSchema.optional(),
  email: z
    .boolean()
    .default(false)
    .describe("Mail each person who has an address their link (needs SMTP on the server)"),
});
export type CampaignSettings = z.output<typeof campaignSettingsSchema>;

export type CampaignSelection =
  | { kind: "ids"; identityIds: string[] }
  | { kind: "refs"; refs: ({ id: string } | { externalId: string })[] }
  | { kind: "match"; match: z.output<typeof campaignMatchSchema>; expectedCount?: number };
