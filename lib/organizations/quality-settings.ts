import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { organizations } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { DEFAULT_THRESHOLDS, qualityThresholdsSchema, type QualityThresholdOverrides } from "@/lib/portrait";

export async function getQualityOverrides(
  db: DbOrTx,
  organizationId: string,
): Promise<QualityThresholdOverrides> {
  const [row] = await db
    .select({ overrides: organizations.qualityThresholds })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return (row?.overrides ?? {}) as QualityThresholdOverrides;
}

/**
 * Replaces the organization's overrides. Fields left out use the defaults. Reject thresholds must
 * stay stricter than their warn partners, or the check would reject before it ever warns.
 */
export async function setQualityOverrides(
  db: Db,
  organizationId: string,
  actor: Actor,
  overrides: unknown,
): Promise<QualityThresholdOverrides> {
  const parsed = qualityThresholdsSchema.safeParse(overrides);
  if (!parsed.success) {
    throw new AppError(
      "INVALID_THRESHOLDS",
      "Some values are out of range.",
      422,
      z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
    );
  }
  const merged = { ...DEFAULT_THRESHOLDS, ...parsed.data };
  const pairs: [keyof typeof merged, keyof typeof merged, "lower" | "higher"][] = [
    ["faceTooSmallRejectPx", "faceTooSmallWarnPx", "lower"],
    ["yawRejectDeg", "yawWarnDeg", "higher"],
    ["darkShareReject", "darkShareWarn", "higher"],
    ["brightShareReject", "brightShareWarn", "higher"],
    ["multipleFacesRejectRatio", "multipleFacesWarnRatio", "higher"],
    ["blurRejectLaplacian", "blurWarnLaplacian", "lower"],
  ];
  const errors: Record<string, string[]> = {};
  for (const [reject, warn, direction] of pairs) {
    const ok = direction === "lower" ? merged[reject] <= merged[warn] : merged[reject] >= merged[warn];
    if (!ok)
      errors[reject] = [
        `Must be ${direction === "lower" ? "at most" : "at least"} the warning level (${merged[warn]}).`,
      ];
  }
  if (Object.keys(errors).length > 0)
    throw new AppError("INVALID_THRESHOLDS", "A reject level is looser than its warning level.", 422, errors);
  await db.transaction(async (tx) => {
    await tx
      .update(organizations)
      .set({ qualityThresholds: parsed.data })
      .where(eq(organizations.id, organizationId));
    await recordAudit(tx, {
      organizationId,
      actor,
      action: "quality_thresholds.updated",
      targetType: "organization",
      targetId: organizationId,
      details: { fields: Object.keys(parsed.data) },
    });
  });
  return parsed.data;
}
