import { created } from "@/lib/api/endpoint";
import { apiRoute } from "@/lib/api/handler";
import { issueUploadLinksEndpoint } from "@/lib/api/endpoints";
import { idempotentReply } from "@/lib/api/idempotent-reply";
import { toUploadLinkDto, type UploadLinkBatchResult } from "@/lib/api/schemas";
import { issueUploadLinkBatch } from "@/lib/links/batch";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = apiRoute(
  issueUploadLinksEndpoint,
  async ({ db, organizationId, actor, body, request }) => {
    const reply = await idempotentReply(
      request,
      db,
      organizationId,
      "POST /api/v1/upload-links",
      body,
      async (tx): Promise<UploadLinkBatchResult> => {
        const links = await issueUploadLinkBatch(
          tx,
          organizationId,
          actor,
          body.identities,
          body.options,
          body.expiresInHours,
        );
        return { links: links.map(toUploadLinkDto) };
      },
    );
    return created(reply.body, reply.headers);
  },
);
