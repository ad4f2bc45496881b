import { ok, noContent } from "@/lib/api/endpoint";
import { apiRoute } from "@/lib/api/handler";
import { deleteIdentityEndpoint, getIdentityEndpoint, updateIdentityEndpoint } from "@/lib/api/endpoints";
import { toIdentityDto } from "@/lib/api/schemas";
import { deleteIdentity, getIdentity, updateIdentity } from "@/lib/identities/service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiRoute(getIdentityEndpoint, async ({ db, organizationId, params }) =>
  ok(toIdentityDto(await getIdentity(db, organizationId, params.id))),
);

export const PATCH = apiRoute(updateIdentityEndpoint, async ({ db, organizationId, actor, params, body }) =>
  ok(toIdentityDto(await updateIdentity(db, organizationId, actor, params.id, body))),
);

export const DELETE = apiRoute(deleteIdentityEndpoint, async ({ db, organizationId, actor, params }) => {
  await deleteIdentity(db, organizationId, actor, params.id);
  return noContent();
});
