import { noContent } from "@/lib/api/endpoint";
import { apiRoute } from "@/lib/api/handler";
import { revokeUploadLinkEndpoint } from "@/lib/api/endpoints";
import { ApiProblem } from "@/lib/api/problem";
import { getIdentity } from "@/lib/identities/service";
import { revokeUploadLink } from "@/lib/links/service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const DELETE = apiRoute(revokeUploadLinkEndpoint, async ({ db, organizationId, actor, params }) => {
  const identity = await getIdentity(db, organizationId, params.identityId);
  const revoked = await revokeUploadLink(db, organizationId, actor, identity.id);
  if (!revoked) throw new ApiProblem(404, "NO_ACTIVE_LINK", "This identity has no active upload link.");
  return noContent();
});
