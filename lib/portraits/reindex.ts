import "server-only";
import { and, asc, eq, gt, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { approvalRequests, heldImageKeys, identities, organizations, portraits } from "@/db/schema";
import { openHeldImage } from "@/lib/approvals/held-image";
import { processPortrait, TEMPLATE_MODEL } from "@/lib/portrait";

export interface NeedsPhoto {
  organizationSlug: string;
  identityId: string;
  externalId: string;
  displayName: string;
  /** Why its current portrait cannot be searched with the current model. */
  reason: "no_stored_image" | "no_face_in_stored_image";
}

export interface ReindexSummary {
  model: string;
  /** Portraits and pending approval requests whose template was recomputed from the stored image. */
  recomputed: number;
  /** Stored images in which the current model finds no face (their old template is kept, never compared). */
  noFace: number;
  /** Portraits whose old template cannot be recomputed (no image kept); they are left as they are. */
  templateOnly: number;
  /** Identities whose current portrait has no template of the current model: they need a new photo. */
  needsPhoto: NeedsPhoto[];
}

const BATCH = 50;

/** Not made by the current model (an old model's template, or none) and worth looking at. */
const stale = (column: typeof portraits.templateModel | typeof approvalRequests.templateModel) =>
  or(isNull(column), ne(column, TEMPLATE_MODEL));

/**
 * Brings every stored template to the current model (TEMPLATE_MODEL): each portrait (current or
 * history) and each pending approval request with a stored image whose template is of another
 * model — or missing — gets the template the current model makes from that image. Portraits kept
 * as a template only ("do not store the image") cannot be recomputed; search simply never compares
 * them. Returns the identities whose current portrait is therefore not searchable any more.
 * Idempotent: a second run finds nothing to do. Each row is updated on its own (no long transaction).
 */
export async function reindexTemplates(
  db: DbOrTx,
  onProgress: (done: number) => void = () => {},
): Promise<ReindexSummary> {
  const summary: ReindexSummary = {
    model: TEMPLATE_MODEL,
    recomputed: 0,
    noFace: 0,
    templateOnly: 0,
    needsPhoto: [],
  };
  let done = 0;

  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await db
      .select({ id: portraits.id, image: portraits.image, template: portraits.template })
      .from(portraits)
      .where(and(gt(portraits.id, after), stale(portraits.templateModel)))
      .orderBy(asc(portraits.id))
      .limit(BATCH);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    for (const row of rows) {
      if (!row.image) {
        if (row.template) summary.templateOnly++;
        continue;
      }
      const { template, templateModel } = await processPortrait(row.image, { qualityCheck: false });
      if (!template) {
        // No face for the current model: the old template stays (never compared with new ones) and
        // the identity is listed as needing a new photo.
        if (row.template) summary.noFace++;
        continue;
      }
      await db
        .update(portraits)
        .set({ template, templateModel, searchable: true })
        .where(eq(portraits.id, row.id));
      summary.recomputed++;
    }
    onProgress((done += rows.length));
  }

  // Pending requests hold their image until decided (also under "do not store"), encrypted with a
  // key of their own (lib/approvals/held-image.ts).
  const pending = await db
    .select({ id: approvalRequests.id, image: approvalRequests.image, key: heldImageKeys.key })
    .from(approvalRequests)
    .leftJoin(heldImageKeys, eq(heldImageKeys.approvalRequestId, approvalRequests.id))
    .where(
      and(
        eq(approvalRequests.status, "pending"),
        isNotNull(approvalRequests.image),
        isNotNull(approvalRequests.template),
        ne(approvalRequests.templateModel, TEMPLATE_MODEL),
      ),
    );
  for (const row of pending) {
    // A key lost with a crash leaves the image unreadable: nothing to recompute from (its old
    // template stays and is never compared with today's).
    const image = openHeldImage(row.key, row.image);
    if (!image) continue;
    const { template, templateModel } = await processPortrait(image, { qualityCheck: false });
    if (!template) {
      summary.noFace++;
      continue;
    }
    await db.update(approvalRequests).set({ template, templateModel }).where(eq(approvalRequests.id, row.id));
    summary.recomputed++;
  }

  summary.needsPhoto = await identitiesNeedingPhoto(db);
  return summary;
}

/**
 * Identities whose current portrait has a face template, but of another model: search does not
 * find them any more. The ones to send a new upload link. (Portraits that never had a face are not
 * listed: they were accepted unsearchable on purpose, with the quality check skipped.)
 */
export async function identitiesNeedingPhoto(db: DbOrTx): Promise<NeedsPhoto[]> {
  const rows = await db
    .select({
      organizationSlug: organizations.slug,
      identityId: identities.id,
      externalId: identities.externalId,
      displayName: identities.displayName,
      hasImage: sql<boolean>`(${portraits.image} is not null)`,
    })
    .from(identities)
    .innerJoin(portraits, eq(portraits.id, identities.currentPortraitId))
    .innerJoin(organizations, eq(organizations.id, identities.organizationId))
    .where(and(isNotNull(portraits.template), ne(portraits.templateModel, TEMPLATE_MODEL)))
    .orderBy(asc(organizations.slug), asc(identities.externalId));
  return rows.map((r) => ({
    organizationSlug: r.organizationSlug,
    identityId: r.identityId,
    externalId: r.externalId,
    displayName: r.displayName,
    reason: r.hasImage ? "no_face_in_stored_image" : "no_stored_image",
  }));
}
