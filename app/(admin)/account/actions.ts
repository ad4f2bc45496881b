"use server";

import { z } from "zod";
import { signOut } from "@/auth";
import { sessionAction } from "@/lib/auth/action";
import { changePassword } from "@/lib/auth/accounts";
import { verifyCurrentPassword } from "@/lib/auth/login";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { actorOf, recordAudit } from "@/lib/audit/record";

const schema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(1024),
    newPassword: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
      .max(1024),
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two new passwords differ.",
  });

/** Changes the signed-in user's password; every session (this one too) ends, so they sign in again. */
export const changePasswordAction = sessionAction(
  "reviewer",
  schema,
  async ({ currentPassword, newPassword }, ctx, db) => {
    await verifyCurrentPassword(db, ctx.userId, currentPassword);
    await changePassword(db, ctx.userId, newPassword);
    await recordAudit(db, {
      organizationId: ctx.organizationId,
      actor: actorOf(ctx),
      action: "user.password_changed",
      targetType: "user",
      targetId: ctx.userId,
    });
    await signOut({ redirectTo: "/login" });
  },
);
