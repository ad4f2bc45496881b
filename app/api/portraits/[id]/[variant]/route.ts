import { getDb } from "@/db/client";
import { getSessionContext } from "@/lib/auth/session";
import { readPortraitImage } from "@/lib/portraits/read";

export const dynamic = "force-dynamic";

const NOT_FOUND = () => new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });

/** A stored portrait image or thumbnail, for members of the portrait's organization only. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ id: string; variant: string }> },
) {
  const ctx = await getSessionContext();
  if (!ctx) return new Response("Unauthorized", { status: 401, headers: { "Cache-Control": "no-store" } });
  const { id, variant } = await params;
  if (variant !== "image" && variant !== "thumbnail") return NOT_FOUND();
  const found = await readPortraitImage(await getDb(), ctx.organizationId, id, variant);
  if (!found) return NOT_FOUND();
  return new Response(new Uint8Array(found.bytes), {
    headers: {
      "Content-Type": found.contentType,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'",
    },
  });
}
