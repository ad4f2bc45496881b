import { ok } from "@/lib/api/endpoint";
import { apiRoute } from "@/lib/api/handler";
import { rejectApprovalEndpoint } from "@/lib/api/endpoints";
import { decideApproval } from "@/lib/approvals/service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = apiRoute(rejectApprovalEndpoint, async ({ db, organizationId, actor, params, body }) => {
  // The body is optional: without one, `reason` and `note` are absent and nothing is kept, as before.
  const decided = await decideApproval(
    db,
    organizationId,
    actor,
    params.id,
    "reject",
    body.reason ?? null,
    body.note || null,
  );
  return ok({ id: params.id.toLowerCase(), identityId: decided.identityId, status: decided.status });
});
