import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { identities, portraits, type LinkConditions } from "@/db/schema";
import type { QualityReport } from "@/lib/portrait/report";

export type PortraitSource = "admin_upload" | "self_registration" | "api";

export interface ApplyPortraitInput {
  organizationId: string;
  identityId: string;
  /** Only kept when `storeImage`; otherwise the template alone makes the identity searchable. */
  image: Buffer | null;
  thumbnail: Buffer | null;
  template: number[] | null;
  /** The model that made `template` (null with it): stored beside it, never mixed in search. */
  templateModel: string | null;
  qualityReport: QualityReport;
  storeImage: boolean;
  source: PortraitSource;
  uploadLinkId?: string | null;
  conditions?: LinkConditions | null;
  createdByUserId?: string | null;
  approvedByUserId?: string | null;
}

/**
 * Makes a new portrait the identity's current one, inside the caller's transaction. The previous
 * portrait stays as history. "Do not store the image" is honoured here, in one place.
 */
export async function applyPortrait(tx: DbOrTx, input: ApplyPortraitInput): Promise<string> {
  const [row] = await tx
    .insert(portraits)
    .values({
      organizationId: input.organizationId,
      identityId: input.identityId,
      image: input.storeImage ? input.image : null,
      thumbnail: input.storeImage ? input.thumbnail : null,
      template: input.template,
      templateModel: input.template ? input.templateModel : null,
      searchable: input.template !== null,
      qualityReport: input.qualityReport,
      source: input.source,
      uploadLinkId: input.uploadLinkId ?? null,
      conditions: input.conditions ?? null,
      createdByUserId: input.createdByUserId ?? null,
      approvedByUserId: input.approvedByUserId ?? null,
      // The insert's own time, not the transaction's start: face search reads new portraits by it.
      createdAt: sql`clock_timestamp()`,
    })
    .returning({ id: portraits.id });
  const updated = await tx
    .update(identities)
    .set({ currentPortraitId: row!.id, updatedAt: sql`now()` })
    .where(and(eq(identities.organizationId, input.organizationId), eq(identities.id, input.identityId)))
    .returning({ id: identities.id });
  if (updated.length !== 1) throw new Error("identity vanished while applying a portrait");
  return row!.id;
}
