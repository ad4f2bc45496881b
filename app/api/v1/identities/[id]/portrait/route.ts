import { ok } from "@/lib/api/endpoint";
import { apiRoute } from "@/lib/api/handler";
import { putPortraitEndpoint } from "@/lib/api/endpoints";
import { getIdentity } from "@/lib/identities/service";
import { uploadPortraitDirect } from "@/lib/uploads/direct";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const PUT = apiRoute(putPortraitEndpoint, async ({ db, organizationId, actor, params, body }) => {
  const identity = await getIdentity(db, organizationId, params.id);
  const bytes = new Uint8Array(await body.image.arrayBuffer());
  const options = { storeImage: body.storeImage, qualityCheck: body.qualityCheck };
  const result = await uploadPortraitDirect(db, organizationId, actor, identity.id, bytes, options, "api");
  return ok({
    identityId: identity.id,
    portraitId: result.portraitId,
    searchable: result.searchable,
    imageStored: options.storeImage,
    report: result.report,
  });
});
