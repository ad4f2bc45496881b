"use server";

import { z } from "zod";
import { actorOf } from "@/lib/audit/record";
import { sessionAction } from "@/lib/auth/action";
import { rejectionReasonSchema, rejectionReasonText, reviewerNoteSchema } from "@/lib/campaigns/reasons";
import { newLinkContext, rejectWithNewLink } from "@/lib/campaigns/resend";
import { mailLocaleSchema } from "@/lib/campaigns/schemas";
import { mailAvailability } from "@/lib/mail/config";
import QRCode from "qrcode";

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** For the viewer's "reject and send a new link" form: issuing links is for admins, so reviewers get nothing. */
export const newLinkContextAction = sessionAction(
  "admin",
  z.object({ id: z.uuid() }),
  async ({ id }, ctx, db) => {
    const availability = mailAvailability();
    return {
      result: {
        ...(await newLinkContext(db, ctx.organizationId, id)),
        mailConfigured: availability.configured,
        mailMissing: availability.configured ? [] : availability.missing,
      },
    };
  },
);

/** Reject with a reason and give the person a new link: mailed in their language, or shown here once. */
export const rejectWithNewLinkAction = sessionAction(
  "admin",
  z.object({
    id: z.uuid(),
    reason: rejectionReasonSchema,
    note: z
      .union([z.literal(""), reviewerNoteSchema])
      .optional()
      .transform((v) => v || undefined),
    locale: mailLocaleSchema,
    email: checkbox,
  }),
  async ({ id, reason, note, locale, email }, ctx, db) => {
    const result = await rejectWithNewLink(db, ctx.organizationId, actorOf(ctx), id, {
      reason,
      note,
      locale,
      email,
    });
    // No revalidation here: the approvals page would re-render without this request and take the
    // viewer (and the new link, shown only once) with it. The form refreshes the page when closed.
    return {
      message: result.mailed
        ? "Rejected. A new link is on its way by email, with the reason."
        : "Rejected. Send the person this new link with the reason.",
      result: {
        mailed: result.mailed,
        reasonText: [rejectionReasonText(reason, result.locale), note].filter(Boolean).join(" "),
        ...(result.mailed
          ? {}
          : {
              url: result.url,
              expiresAt: result.expiresAt.toISOString(),
              qrSvg: await QRCode.toString(result.url, { type: "svg", margin: 1, errorCorrectionLevel: "M" }),
            }),
      },
    };
  },
);
