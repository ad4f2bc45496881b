"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorOf } from "@/lib/audit/record";
import { sessionAction } from "@/lib/auth/action";
import { createCampaign, previewSelection } from "@/lib/campaigns/create";
import { deliveryCsv, deliveryFileName } from "@/lib/campaigns/csv";
import { remindCampaign } from "@/lib/campaigns/remind";
import {
  campaignNameSchema,
  mailLocaleSchema,
  MAX_CAMPAIGN_PEOPLE,
  type CampaignSelection,
} from "@/lib/campaigns/schemas";
import { identityFilterSchema, portraitAgeMonthsSchema } from "@/lib/identities/schemas";
import { MAX_EXPIRY_HOURS } from "@/lib/links/schemas";
import { text } from "@/lib/validation/text";

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** Who: the ticked identities, or everyone the list's search and filter match (with the count confirmed). */
const selectionSchema = z.object({
  mode: z.enum(["ids", "match"]),
  ids: z
    .preprocess(
      (v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v),
      z.array(z.uuid()).max(MAX_CAMPAIGN_PEOPLE),
    )
    .optional(),
  q: text().trim().max(200).optional(),
  filter: identityFilterSchema.optional(),
  months: portraitAgeMonthsSchema.optional(),
  expectedCount: z.coerce.number().int().min(0).optional(),
});
type SelectionInput = z.infer<typeof selectionSchema>;

function toSelection(input: SelectionInput): CampaignSelection {
  if (input.mode === "ids") return { kind: "ids", identityIds: input.ids ?? [] };
  return {
    kind: "match",
    match: { q: input.q ?? "", filter: input.filter ?? "all", months: input.months },
    expectedCount: input.expectedCount,
  };
}

/** The confirmation step: how many people, how many with an address, how many links will stop working. */
export const previewCampaignAction = sessionAction("admin", selectionSchema, async (input, ctx, db) => ({
  result: await previewSelection(db, ctx.organizationId, toSelection(input)),
}));

export const createCampaignAction = sessionAction(
  "admin",
  selectionSchema.extend({
    name: campaignNameSchema,
    locale: mailLocaleSchema,
    doNotStore: checkbox,
    skipQualityCheck: checkbox,
    requireApproval: checkbox,
    expiresInHours: z.coerce.number().int().min(1).max(MAX_EXPIRY_HOURS),
    email: checkbox,
  }),
  async (input, ctx, db) => {
    const { campaign, members } = await createCampaign(
      db,
      ctx.organizationId,
      actorOf(ctx),
      {
        name: input.name,
        locale: input.locale,
        options: {
          storeImage: !input.doNotStore,
          qualityCheck: !input.skipQualityCheck,
          requireApproval: input.requireApproval,
        },
        expiresInHours: input.expiresInHours,
        email: input.email,
      },
      toSelection(input),
    );
    revalidatePath("/identities");
    revalidatePath("/campaigns");
    // The URLs exist only now (only their hashes are stored): the CSV is made in this request.
    return {
      result: {
        campaignId: campaign.id,
        people: members.length,
        replaced: campaign.replacedOnCreate,
        mailed: members.filter((m) => m.mailed).length,
        csv: deliveryCsv(members),
        fileName: deliveryFileName(campaign.name, "links"),
      },
    };
  },
);

export const remindCampaignAction = sessionAction(
  "admin",
  z.object({ id: z.uuid(), email: checkbox }),
  async ({ id, email }, ctx, db) => {
    const { campaign, members } = await remindCampaign(db, ctx.organizationId, actorOf(ctx), id, { email });
    revalidatePath(`/campaigns/${campaign.id}`);
    return {
      message: (await getTranslations("remind"))("done", { count: members.length }),
      result: {
        people: members.length,
        mailed: members.filter((m) => m.mailed).length,
        csv: members.length ? deliveryCsv(members) : "",
        fileName: deliveryFileName(campaign.name, `reminder ${campaign.reminders}`),
      },
    };
  },
);
