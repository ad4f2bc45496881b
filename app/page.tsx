import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { hasAnyUser } from "@/lib/auth/accounts";
import { hasRole } from "@/lib/auth/roles";
import { getSessionContext } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/** Sends people where they can work: setup on a new installation, sign-in, or their role's first tab. */
export default async function Home() {
  if (!(await hasAnyUser(await getDb()))) redirect("/setup");
  const ctx = await getSessionContext();
  if (!ctx) redirect("/login");
  redirect(hasRole(ctx.role, "admin") ? "/identities" : "/approvals");
}
