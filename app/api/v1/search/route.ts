import { ok } from "@/lib/api/endpoint";
import { apiRoute } from "@/lib/api/handler";
import { searchByFaceEndpoint } from "@/lib/api/endpoints";
import { searchByFace } from "@/lib/search/service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = apiRoute(searchByFaceEndpoint, async ({ db, organizationId, body }) => {
  const { matches } = await searchByFace(db, organizationId, new Uint8Array(await body.image.arrayBuffer()), {
    limit: body.limit,
  });
  return ok({
    matches: matches.map((m) => ({
      identityId: m.identityId,
      externalId: m.externalId,
      displayName: m.displayName,
      similarity: m.similarity,
      samePerson: m.samePerson,
    })),
  });
});
