"use server";

import { eq } from "drizzle-orm";
import { z } from "zod";
import { signOut } from "@/auth";
import { users } from "@/db/schema";
import { sessionAction } from "@/lib/auth/action";
import { changePassword } from "@/lib/auth/accounts";
import { MIN_PASSWORD_LENGTH, verifyPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";

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
    const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, ctx.userId));
    if (!(await verifyPassword(row?.hash ?? null, currentPassword))) {
      throw new AppError("WRONG_PASSWORD", "Your current password is not right.", 422, {
        currentPassword: ["Your current password is not right."],
      });
    }
    await changePassword(db, ctx.userId, newPassword);
    await recordAudit(db, {
      organizationId: ctx.organizationId,
      actor: { type: "user", id: ctx.userId, label: ctx.email },
      action: "user.password_changed",
      targetType: "user",
      targetId: ctx.userId,
    });
    await signOut({ redirectTo: "/login" });
  },
);
