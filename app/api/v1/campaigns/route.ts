import { toCampaignDto, toCampaignLinkDto } from "@/lib/api/campaign-schemas";
import { createCampaignEndpoint, listCampaignsEndpoint } from "@/lib/api/campaign-endpoints";
import { created, ok } from "@/lib/api/endpoint";
import { apiRoute } from "@/lib/api/handler";
import { idempotentReply } from "@/lib/api/idempotent-reply";
import { createCampaign } from "@/lib/campaigns/create";
import { listCampaigns } from "@/lib/campaigns/read";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiRoute(listCampaignsEndpoint, async ({ db, organizationId, query }) => {
  const page = await listCampaigns(db, organizationId, query);
  return ok({ items: page.items.map(toCampaignDto), nextCursor: page.nextCursor });
});

export const POST = apiRoute(createCampaignEndpoint, async ({ db, organizationId, actor, body, request }) => {
  const { identities, match, ...settings } = body;
  const reply = await idempotentReply(
    request,
    db,
    organizationId,
    "POST /api/v1/campaigns",
    body,
    async (tx) => {
      const result = await createCampaign(
        tx,
        organizationId,
        actor,
        settings,
        identities ? { kind: "refs", refs: identities } : { kind: "match", match: match! },
      );
      return { campaign: toCampaignDto(result.campaign), links: result.members.map(toCampaignLinkDto) };
    },
  );
  return created(reply.body, { Location: `/api/v1/campaigns/${reply.body.campaign.id}`, ...reply.headers });
});
