import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { portraits } from "@/db/schema";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The stored image or thumbnail of a portrait of this organization, or null. */
export async function readPortraitImage(
  db: DbOrTx,
  organizationId: string,
  portraitId: string,
  variant: "image" | "thumbnail",
): Promise<{ bytes: Buffer; contentType: string } | null> {
  if (!UUID.test(portraitId)) return null;
  const column = variant === "image" ? portraits.image : portraits.thumbnail;
  const [row] = await db
    .select({ bytes: column })
    .from(portraits)
    .where(and(eq(portraits.organizationId, organizationId), eq(portraits.id, portraitId)));
  if (!row?.bytes) return null;
  return { bytes: row.bytes, contentType: variant === "image" ? "image/jpeg" : "image/webp" };
}
