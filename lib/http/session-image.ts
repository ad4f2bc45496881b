import "server-only";
import { getDb, type DbOrTx } from "@/db/client";
import { getSessionContext } from "@/lib/auth/session";

export type ImageVariant = "image" | "thumbnail";
type ReadImage = (
  db: DbOrTx,
  organizationId: string,
  id: string,
  variant: ImageVariant,
) => Promise<{ bytes: Buffer; contentType: string } | null>;

const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { "Cache-Control": "no-store" } });

/**
 * The GET handler of a private image route (`/api/<kind>/<id>/<image|thumbnail>`): only a signed-in
 * member sees it, only for their own organization (the reader filters by it), never cached or sniffed.
 */
export function sessionImageRoute(read: ReadImage) {
  return async function GET(
    _request: Request,
    { params }: { params: Promise<{ id: string; variant: string }> },
  ): Promise<Response> {
    const ctx = await getSessionContext();
    if (!ctx) return plain(401, "Unauthorized");
    const { id, variant } = await params;
    if (variant !== "image" && variant !== "thumbnail") return plain(404, "Not found");
    const found = await read(await getDb(), ctx.organizationId, id, variant);
    if (!found) return plain(404, "Not found");
    return new Response(new Uint8Array(found.bytes), {
      headers: {
        "Content-Type": found.contentType,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'",
      },
    });
  };
}
