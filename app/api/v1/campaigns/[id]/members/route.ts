import { toCampaignMemberDto } from "@/lib/api/campaign-schemas";
import { listCampaignMembersEndpoint } from "@/lib/api/campaign-endpoints";
import { ok } from "@/lib/api/endpoint";
import { apiRoute } from "@/lib/api/handler";
import { listCampaignMembers } from "@/lib/campaigns/progress";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiRoute(listCampaignMembersEndpoint, async ({ db, organizationId, params, query }) => {
  const page = await listCampaignMembers(db, organizationId, params.id, query);
  return ok({ items: page.items.map(toCampaignMemberDto), nextCursor: page.nextCursor });
});
