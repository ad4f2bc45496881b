"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { text } from "@/lib/validation/text";
import { signIn } from "@/auth";
import { getDb } from "@/db/client";
import { setupFirstOwner } from "@/lib/auth/accounts";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { appErrorState, formAction, invalidState } from "@/lib/auth/action";
import { isAppError } from "@/lib/errors";
import { getTranslations } from "next-intl/server";

const setupSchema = z.object({
  organizationName: text().trim().min(2, "Enter your organization’s name.").max(100),
  name: text().trim().max(100).optional(),
  email: z.email("Enter a valid email address.").max(320),
  password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`).max(1024),
});

/** First-run only: the service refuses once any user exists, whoever calls this. */
export const setupAction = formAction(async (formData) => {
  const parsed = setupSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidState(parsed.error.issues, formData);
  try {
    await setupFirstOwner(await getDb(), parsed.data);
  } catch (error) {
    if (isAppError(error)) return appErrorState(error, formData);
    throw error;
  }
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      // Straight to the owner's first tab: through "/" the browser showed a blank page while
      // that page only redirected onwards.
      redirectTo: "/identities",
    });
  } catch (error) {
    if (error instanceof AuthError)
      return { ok: false, message: (await getTranslations("setup"))("createdSignIn") };
    throw error;
  }
  return { ok: true };
});
