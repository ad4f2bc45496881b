import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { portraits } from "@/db/schema";
import { isUuid } from "@/lib/validation/uuid";

/** Whether a portrait still keeps its image and its thumbnail, read without the bytes. */
export const storedImageColumns = {
  hasImage: sql<boolean>`(${portraits.image} is not null)`,
  hasThumbnail: sql<boolean>`(${portraits.thumbnail} is not null)`,
};

/** The stored image or thumbnail of a portrait of this organization, or null. */
export async function readPortraitImage(
  db: DbOrTx,
  organizationId: string,
  portraitId: string,
  variant: "image" | "thumbnail",
): Promise<{ bytes: Buffer; contentType: string } | null> {
  if (!isUuid(portraitId)) return null;
  const column = variant === "image" ? portraits.image : portraits.thumbnail;
  const [row] = await db
    .select({ bytes: column })
    .from(portraits)
    .where(and(eq(portraits.organizationId, organizationId), eq(portraits.id, portraitId)));
  if (!row?.bytes) return null;
  return { bytes: row.bytes, contentType: variant === "image" ? "image/jpeg" : "image/webp" };
}
