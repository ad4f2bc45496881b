import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns } from "@/db/schema";
import type { Actor } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { countMatchingIdentities, matchingIdentityIds } from "@/lib/identities/service";
import { resolveIdentityRefs } from "@/lib/links/batch";
import { isActiveLink, linkAlias } from "@/lib/links/state";
import { MAIL_NOT_CONFIGURED_MESSAGE, mailAvailability } from "@/lib/mail/config";
import { issueCampaignLinks } from "./issue";
import {
  campaignSettingsSchema,
  MAX_CAMPAIGN_PEOPLE,
  type CampaignSelection,
  type CampaignSettings,
} from "./schemas";
import { recordSend, type CampaignSend } from "./sent";

/** Refuses mail when the server cannot send any: the admin is told what to set. */
export function requireMailConfigured(): void {
  const availability = mailAvailability();
  if (!availability.configured) {
    throw new AppError("EMAIL_NOT_CONFIGURED", MAIL_NOT_CONFIGURED_MESSAGE(availability.missing), 422, {
      email: [MAIL_NOT_CONFIGURED_MESSAGE(availability.missing)],
    });
  }
}

const tooMany = (count: number) =>
  new AppError(
    "TOO_MANY_PEOPLE",
    `A campaign can ask at most ${MAX_CAMPAIGN_PEOPLE.toLocaleString("en")} people at once; this selection has ${count.toLocaleString("en")}. Narrow the search or filter.`,
    422,
  );

/** The identities a selection names, resolved now (the count the admin confirmed must still hold). */
async function resolveSelection(
  db: Db,
  organizationId: string,
  selection: CampaignSelection,
): Promise<string[]> {
  if (selection.kind === "refs") {
    if (selection.refs.length > MAX_CAMPAIGN_PEOPLE) throw tooMany(selection.refs.length);
    return resolveIdentityRefs(db, organizationId, selection.refs);
  }
  if (selection.kind === "ids") {
    const refs = [...new Set(selection.identityIds.map((id) => id.toLowerCase()))].map((id) => ({ id }));
    if (refs.length > MAX_CAMPAIGN_PEOPLE) throw tooMany(refs.length);
    return resolveIdentityRefs(db, organizationId, refs);
  }
  const ids = await matchingIdentityIds(db, organizationId, selection.match, MAX_CAMPAIGN_PEOPLE);
  if (ids.length > MAX_CAMPAIGN_PEOPLE)
    throw tooMany(await countMatchingIdentities(db, organizationId, selection.match));
  if (selection.expectedCount !== undefined && selection.expectedCount !== ids.length) {
    throw new AppError(
      "SELECTION_CHANGED",
      `The selection now has ${ids.length} ${ids.length === 1 ? "person" : "people"}, not ${selection.expectedCount}: identities were added or changed meanwhile. Check and confirm again.`,
      409,
      undefined,
      { count: ids.length },
    );
  }
  return ids;
}

/**
 * Starts a campaign: one link per selected person through the batch service (each replaces the
 * person's active link, if any), their mails queued when asked. The returned members carry the
 * URLs — the only moment they exist, since only hashes are stored — for the CSV or API answer.
 */
export async function createCampaign(
  db: Db,
  organizationId: string,
  actor: Actor,
  settingsInput: CampaignSettings,
  selection: CampaignSelection,
): Promise<CampaignSend> {
  const settings = campaignSettingsSchema.parse(settingsInput);
  if (settings.email) requireMailConfigured();
  const identityIds = await resolveSelection(db, organizationId, selection);
  if (identityIds.length === 0)
    throw new AppError("EMPTY_SELECTION", "No identity matches this selection; nobody to ask.", 422);

  const [created] = await db
    .insert(campaigns)
    .values({
      organizationId,
      name: settings.name,
      locale: settings.locale,
      ...settings.options,
      expiresInHours: settings.expiresInHours ?? 168,
      selection:
        selection.kind === "match"
          ? { kind: "match", ...selection.match }
          : { kind: "list", count: identityIds.length },
      createdByUserId: actor.type === "user" ? actor.id : null,
      createdByApiKeyId: actor.type === "api_key" ? actor.id : null,
      createdByLabel: actor.label ?? null,
    })
    .returning();
  const campaign = created!;
  const members = await issueCampaignLinks(
    db,
    organizationId,
    actor,
    campaign,
    identityIds,
    settings.email ? { kind: "invitation" } : null,
  );
  const replaced = members.filter((m) => m.replacedActiveLink).length;
  return recordSend(db, organizationId, actor, {
    campaignId: campaign.id,
    members,
    counters: { peopleCount: members.length, replacedOnCreate: replaced },
    action: "campaign.created",
    details: { name: settings.name, replacedActiveLinks: replaced },
  });
}

/** Who a selection would ask, before anything is issued: for the confirmation step. */
export async function previewSelection(
  db: Db,
  organizationId: string,
  selection: CampaignSelection,
): Promise<{ people: number; withEmail: number; withActiveLink: number }> {
  const ids = await resolveSelection(db, organizationId, selection);
  if (ids.length === 0) return { people: 0, withEmail: 0, withActiveLink: 0 };
  const result = (await db.execute(sql`
    select count(*) filter (where i.email is not null)::int as "withEmail",
      count(*) filter (where exists (select 1 from upload_links l where l.identity_id = i.id
        and ${isActiveLink(linkAlias)}))::int as "withActiveLink"
    from identities i
    where i.organization_id = ${organizationId} and i.id = any(${`{${ids.join(",")}}`}::uuid[])`)) as unknown as
    | { withEmail: number; withActiveLink: number }[]
    | { rows: { withEmail: number; withActiveLink: number }[] };
  const row = (Array.isArray(result) ? result : result.rows)[0];
  return {
    people: ids.length,
    withEmail: Number(row?.withEmail ?? 0),
    withActiveLink: Number(row?.withActiveLink ?? 0),
  };
}
