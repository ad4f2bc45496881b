import { ok, created } from "@/lib/api/endpoint";
import { apiRoute } from "@/lib/api/handler";
import { createIdentityEndpoint, listIdentitiesEndpoint } from "@/lib/api/endpoints";
import { toIdentityDto } from "@/lib/api/schemas";
import { createIdentity, listIdentities } from "@/lib/identities/service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiRoute(listIdentitiesEndpoint, async ({ db, organizationId, query }) => {
  const page = await listIdentities(db, organizationId, query);
  return ok({ items: page.items.map(toIdentityDto), nextCursor: page.nextCursor });
});

export const POST = apiRoute(createIdentityEndpoint, async ({ db, organizationId, actor, body }) => {
  const identity = await createIdentity(db, organizationId, actor, body);
  return created(toIdentityDto(identity), { Location: `/api/v1/identities/${identity.id}` });
});
