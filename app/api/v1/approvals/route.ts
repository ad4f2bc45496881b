import { ok } from "@/lib/api/endpoint";
import { apiRoute } from "@/lib/api/handler";
import { listApprovalsEndpoint } from "@/lib/api/endpoints";
import { toApprovalDto } from "@/lib/api/schemas";
import { listApprovals } from "@/lib/approvals/service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiRoute(listApprovalsEndpoint, async ({ db, organizationId, query }) => {
  const page = await listApprovals(db, organizationId, query);
  return ok({ items: page.items.map(toApprovalDto), nextCursor: page.nextCursor });
});
