"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorOf } from "@/lib/audit/record";
import { sessionAction } from "@/lib/auth/action";
import { decideApproval, getApprovalDetail } from "@/lib/approvals/service";
import { hasErrorCode, isAppError } from "@/lib/errors";
import { CROSS_ORIGIN_MESSAGE, isSameOriginRequest } from "@/lib/auth/origin";
import { getSessionContext } from "@/lib/auth/session";
import { getDb } from "@/db/client";
import { findLikelyDuplicates } from "@/lib/approvals/duplicates";
import { rejectionReasonSchema, reviewerNoteSchema } from "@/lib/campaigns/reasons";
import { toViewerData, type ViewerData } from "./viewer-data";

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

const decisionSchema = z
  .object({
    decision: z.enum(["approve", "reject"]),
    ids: z.preprocess(
      (v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v),
      z.array(z.uuid()).min(1, "Select at least one request.").max(200),
    ),
    reason: z.union([z.literal(""), rejectionReasonSchema]).optional(),
    note: z
      .union([z.literal(""), reviewerNoteSchema])
      .optional()
      .transform((v) => v || null),
    /** The reviewer saw the likely duplicates and approves anyway. */
    confirmDuplicates: checkbox.optional(),
    /** Only ask which of the requests would need that confirmation; decide nothing. */
    check: checkbox.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.check) return;
    if (v.decision === "reject" && !v.reason)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Choose why the photo is rejected." });
    if (v.decision === "approve" && v.confirmDuplicates && !v.note)
      ctx.addIssue({
        code: "custom",
        path: ["note"],
        message: "Say why you approve a photo that matches someone else.",
      });
  });

/**
 * Approve or reject one or several requests; each is decided on its own, so one conflict doesn't
 * undo the rest. A rejection needs a reason. An approval of an upload that matches another identity
 * over the same-person threshold needs `confirmDuplicates` and a note: without them nothing is
 * decided and the likely duplicates come back (`check` asks for just that).
 */
export const decideApprovalsAction = sessionAction(
  "reviewer",
  decisionSchema,
  async ({ decision, ids, reason, note, confirmDuplicates, check }, ctx, db) => {
    if (decision === "approve" && (check || !confirmDuplicates)) {
      const duplicates = await findLikelyDuplicates(db, ctx.organizationId, ids);
      if (check) return { result: { duplicates } };
      if (duplicates.length > 0) {
        return {
          ok: false,
          message: "This photo matches someone else: confirm with a reason to approve it.",
          result: { duplicates },
        };
      }
    }
    if (check) return { result: { duplicates: [] } };
    let done = 0;
    let alreadyDecided = 0;
    for (const id of ids) {
      try {
        await decideApproval(db, ctx.organizationId, actorOf(ctx), id, decision, reason || null, note);
        done++;
      } catch (error) {
        if (hasErrorCode(error, "ALREADY_DECIDED", "NOT_FOUND")) alreadyDecided++;
        else throw error;
      }
    }
    revalidatePath("/approvals");
    revalidatePath("/identities");
    const verb = decision === "approve" ? "approved" : "rejected";
    const parts = [`${done} ${verb}`];
    if (alreadyDecided) parts.push(`${alreadyDecided} had already been decided by someone else`);
    return { ok: done > 0 || alreadyDecided === 0, message: `${parts.join(", ")}.` };
  },
);

/** The viewer's data for one request: both photos, their similarity and possible duplicates. */
export async function loadViewerAction(
  id: string,
): Promise<{ ok: true; data: ViewerData } | { ok: false; message: string }> {
  if (!(await isSameOriginRequest())) return { ok: false, message: CROSS_ORIGIN_MESSAGE };
  const ctx = await getSessionContext();
  if (!ctx) return { ok: false, message: "Sign in to continue." };
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) return { ok: false, message: "Approval request not found." };
  try {
    return {
      ok: true,
      data: toViewerData(await getApprovalDetail(await getDb(), ctx.organizationId, parsed.data)),
    };
  } catch (error) {
    if (isAppError(error)) return { ok: false, message: error.message };
    throw error;
  }
}
