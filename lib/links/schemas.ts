import { z } from "zod";

export const DEFAULT_EXPIRY_HOURS = 7 * 24;
export const MAX_EXPIRY_HOURS = 30 * 24;

export const linkConditionsSchema = z.object({
  /** false = "Do not store the image file after upload": keep only the face template. */
  storeImage: z.boolean().default(true),
  /** false = "Do not perform a quality check". */
  qualityCheck: z.boolean().default(true),
  /** true = "Require approval after the upload". */
  requireApproval: z.boolean().default(false),
});
export type LinkConditionsInput = z.input<typeof linkConditionsSchema>;

export const expiresInHoursSchema = z
  .number()
  .int("Expiry must be a whole number of hours.")
  .min(1, "A link must be valid for at least 1 hour.")
  .max(MAX_EXPIRY_HOURS, "A link can be valid for at most 30 days.")
  .default(DEFAULT_EXPIRY_HOURS);
