"use server";

import { signOut } from "@/auth";
import { getDb } from "@/db/client";
import { bumpSessionVersion } from "@/lib/auth/accounts";
import { isSameOriginRequest } from "@/lib/auth/origin";
import { getSessionContext } from "@/lib/auth/session";

/** Signs out and invalidates the session everywhere, so a copied cookie stops working too. */
export async function signOutAction(): Promise<void> {
  if (!(await isSameOriginRequest())) return;
  const ctx = await getSessionContext();
  if (ctx) await bumpSessionVersion(await getDb(), ctx.userId);
  await signOut({ redirectTo: "/login" });
}
