"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/auth";
import { formAction } from "@/lib/auth/action";
import { getTranslations } from "next-intl/server";

export const loginAction = formAction(async (formData) => {
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
});
