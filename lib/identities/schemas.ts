import { z } from "zod";
import { text } from "@/lib/validation/text";

const optionalText = (max: number) =>
  text()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v))
    .nullish();

export const identityInputSchema = z.object({
  externalId: text()
    .trim()
    .min(1, "Enter an external ID.")
    .max(128, "Use at most 128 characters.")
    .regex(/^[\p{L}\p{N}._:@\/-]+$/u, "Use letters, digits and . _ : @ / - only (no spaces)."),
  displayName: text().trim().min(1, "Enter a name.").max(200, "Use at most 200 characters."),
  email: z
    .union([z.literal(""), z.email("Enter a valid email address.").max(320)])
    .transform((v) => (v === "" ? null : v.toLowerCase()))
    .nullish(),
  notes: optionalText(2000),
});
export type IdentityInput = z.infer<typeof identityInputSchema>;

export const identityPatchSchema = identityInputSchema.partial();
export type IdentityPatch = z.infer<typeof identityPatchSchema>;

export const identityFilterSchema = z.enum([
  "all",
  "no_portrait",
  "portrait_older",
  "never_asked",
  "link_expired",
  "link_active",
  "pending_approval",
]);

/** For `portrait_older`: the current portrait was taken more than this many months ago. */
export const DEFAULT_PORTRAIT_AGE_MONTHS = 12;
export const portraitAgeMonthsSchema = z.coerce.number().int().min(1).max(240);

/** The search and filter part of a list query: what "all that match" selects. */
export const identityMatchSchema = z.object({
  q: text().trim().max(200).optional().default(""),
  filter: identityFilterSchema.optional().default("all"),
  months: portraitAgeMonthsSchema.optional().default(DEFAULT_PORTRAIT_AGE_MONTHS),
});
export type IdentityMatch = z.input<typeof identityMatchSchema>;

export const listQuerySchema = identityMatchSchema.extend({
  cursor: text().max(600).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional().default(50),
});
export type ListQuery = z.input<typeof listQuerySchema>;
