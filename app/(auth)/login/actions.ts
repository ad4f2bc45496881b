"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/auth";
import type { ActionState } from "@/lib/auth/action";
import { CROSS_ORIGIN_MESSAGE, isSameOriginRequest } from "@/lib/auth/origin";

export async function loginAction(_prev: ActionState | undefined, formData: FormData): Promise<ActionState> {
  if (!(await isSameOriginRequest())) return { ok: false, message: CROSS_ORIGIN_MESSAGE };
  const email = String(formData.get("email") ?? "");
  const password = String(formData.get("password") ?? "");
  if (!email || !password) return { ok: false, message: "Enter your email and password." };
  try {
    await signIn("credentials", { email, password, redirectTo: "/" });
  } catch (error) {
    if (error instanceof AuthError) {
      const throttled = "code" in error && error.code === "throttled";
      return {
        ok: false,
        values: { email },
        message: throttled
          ? "Too many sign-in attempts. Wait 15 minutes and try again."
          : "That email and password don’t match an account.",
      };
    }
    throw error;
  }
  return { ok: true };
}
