import type { DbOrTx } from "@/db/client";
import { created } from "@/lib/api/endpoint";
import { apiRoute } from "@/lib/api/handler";
import { issueUploadLinksEndpoint } from "@/lib/api/endpoints";
import { requestFingerprint, runIdempotent } from "@/lib/api/idempotency";
import { ApiProblem } from "@/lib/api/problem";
import { idempotencyKeySchema, toUploadLinkDto, type UploadLinkBatchResult } from "@/lib/api/schemas";
import { issueUploadLinkBatch } from "@/lib/links/batch";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = apiRoute(
  issueUploadLinksEndpoint,
  async ({ db, organizationId, actor, body, request }) => {
    const issue = async (tx: DbOrTx) => {
      const links = await issueUploadLinkBatch(
        tx,
        organizationId,
        actor,
        body.identities,
        body.options,
        body.expiresInHours,
      );
      return { status: 201, body: { links: links.map(toUploadLinkDto) } satisfies UploadLinkBatchResult };
    };
    const rawKey = request.headers.get("idempotency-key");
    if (rawKey === null) return created((await issue(db)).body);
    const key = idempotencyKeySchema.safeParse(rawKey);
    if (!key.success)
      throw new ApiProblem(
        400,
        "IDEMPOTENCY_KEY_INVALID",
        "The Idempotency-Key header must be 1–255 visible ASCII characters.",
      );
    const reply = await runIdempotent(
      db,
      organizationId,
      key.data,
      requestFingerprint("POST /api/v1/upload-links", body),
      issue,
    );
    return created(
      reply.body as UploadLinkBatchResult,
      reply.replayed ? { "Idempotent-Replayed": "true" } : undefined,
    );
  },
);
