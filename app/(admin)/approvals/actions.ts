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
import { toViewerData, type ViewerData } from "./viewer-data";

const decisionSchema = z.object({
  decision: z.enum(["approve", "reject"]),
  ids: z.preprocess(
    (v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v),
    z.array(z.uuid()).min(1, "Select at least one request.").max(200),
  ),
});

/** Approve or reject one or several requests; each is decided on its own, so one conflict doesn't undo the rest. */
export const decideApprovalsAction = sessionAction(
  "reviewer",
  decisionSchema,
  async ({ decision, ids }, ctx, db) => {
    let done = 0;
    let alreadyDecided = 0;
    for (const id of ids) {
      try {
        await decideApproval(db, ctx.organizationId, actorOf(ctx), id, decision);
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
