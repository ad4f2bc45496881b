import { toCampaignDetailDto } from "@/lib/api/campaign-schemas";
import { getCampaignEndpoint } from "@/lib/api/campaign-endpoints";
import { ok } from "@/lib/api/endpoint";
import { apiRoute } from "@/lib/api/handler";
import { getCampaignProgress } from "@/lib/campaigns/progress";
import { getCampaign } from "@/lib/campaigns/read";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiRoute(getCampaignEndpoint, async ({ db, organizationId, params }) => {
  const campaign = await getCampaign(db, organizationId, params.id);
  return ok(toCampaignDetailDto(campaign, await getCampaignProgress(db, organizationId, campaign.id)));
});
