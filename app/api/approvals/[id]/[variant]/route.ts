import { getDb } from "@/db/client";
import { readApprovalImage } from "@/lib/approvals/service";
import { getSessionContext } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { "Cache-Control": "no-store" } });

/** The held upload of a pending request (image or thumbnail), for members of its organization. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ id: string; variant: string }> },
) {
  const ctx = await getSessionContext();
  if (!ctx) return plain(401, "Unauthorized");
  const { id, variant } = await params;
  if (variant !== "image" && variant !== "thumbnail") return plain(404, "Not found");
  const found = await readApprovalImage(await getDb(), ctx.organizationId, id, variant);
  if (!found) return plain(404, "Not found");
  return new Response(new Uint8Array(found.bytes), {
    headers: {
      "Content-Type": found.contentType,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'",
    },
  });
}
