"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/auth";
import type { ActionState } from "@/lib/auth/action";
import { isSameOriginRequest } from "@/lib/auth/origin";
import { errorMessage } from "@/lib/i18n/action-messages";
import { getTranslations } from "next-intl/server";

export async function loginAction(_prev: ActionState | undefined, formData: FormData): Promise<ActionState> {
  if (!(await isSameOriginRequest())) return { ok: false, message: await errorMessage("CROSS_ORIGIN") };
  const t = await getTranslations("login");
  const email = String(formData.get("email") ?? "");
  const password = String(formData.get("password") ?? "");
  if (!email || !password) return { ok: false, message: t("missing") };
  try {
    await signIn("credentials", { email, password, redirectTo: "/" });
  } catch (error) {
    if (error instanceof AuthError) {
      const throttled = "code" in error && error.code === "throttled";
      return {
        ok: false,
        values: { email },
        message: throttled ? t("throttled") : t("wrong"),
      };
    }
    throw error;
  }
  return { ok: true };
}
