import { toCampaignDto, toCampaignLinkDto } from "@/lib/api/campaign-schemas";
import { remindCampaignEndpoint } from "@/lib/api/campaign-endpoints";
import { created } from "@/lib/api/endpoint";
import { apiRoute } from "@/lib/api/handler";
import { idempotentReply } from "@/lib/api/idempotent-reply";
import { remindCampaign } from "@/lib/campaigns/remind";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = apiRoute(
  remindCampaignEndpoint,
  async ({ db, organizationId, actor, params, body, request }) => {
    const operation = `POST /api/v1/campaigns/${params.id.toLowerCase()}/remind`;
    const reply = await idempotentReply(request, db, organizationId, operation, body, async (tx) => {
      const result = await remindCampaign(tx, organizationId, actor, params.id, body);
      return { campaign: toCampaignDto(result.campaign), links: result.members.map(toCampaignLinkDto) };
    });
    return created(reply.body, reply.headers);
  },
);
