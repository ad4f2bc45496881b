import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/client";
import { portraits, users, type LinkConditions } from "@/db/schema";
import { storedImageColumns } from "./read";

export interface PortraitHistoryEntry {
  id: string;
  createdAt: Date;
  source: "admin_upload" | "self_registration" | "api";
  conditions: LinkConditions | null;
  searchable: boolean;
  hasImage: boolean;
  hasThumbnail: boolean;
  createdBy: string | null;
  approvedBy: string | null;
  uploadLinkId: string | null;
}

/** All portraits an identity has had, newest first (the current one is marked by the caller). */
export async function listPortraitHistory(
  db: DbOrTx,
  organizationId: string,
  identityId: string,
): Promise<PortraitHistoryEntry[]> {
  const creator = alias(users, "creator");
  const approver = alias(users, "approver");
  const rows = await db
    .select({
      id: portraits.id,
      createdAt: portraits.createdAt,
      source: portraits.source,
      conditions: portraits.conditions,
      searchable: portraits.searchable,
      ...storedImageColumns,
      createdBy: creator.email,
      approvedBy: approver.email,
      uploadLinkId: portraits.uploadLinkId,
    })
    .from(portraits)
    .leftJoin(creator, eq(creator.id, portraits.createdByUserId))
    .leftJoin(approver, eq(approver.id, portraits.approvedByUserId))
    .where(and(eq(portraits.organizationId, organizationId), eq(portraits.identityId, identityId)))
    .orderBy(desc(portraits.createdAt), desc(portraits.id));
  return rows.map((r) => ({ ...r, hasImage: Boolean(r.hasImage), hasThumbnail: Boolean(r.hasThumbnail) }));
}
