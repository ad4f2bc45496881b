import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth, type SessionClaims } from "./next-auth";
import { getDb } from "@/db/client";
import { forbidden, unauthorized } from "@/lib/errors";
import { loadSessionRecord, type SessionRecord } from "./accounts";
import { hasRole, type Role } from "./roles";

export type SessionContext = SessionRecord;

/**
 * The signed-in user and organization for this request, re-checked against the database
 * (disabled users, changed passwords and ended sessions stop here), or null.
 */
export const getSessionContext = cache(async (): Promise<SessionContext | null> => {
  const session = (await auth()) as { claims?: Partial<SessionClaims> } | null;
  const claims = session?.claims;
  if (!claims?.uid || !claims.org || typeof claims.sv !== "number") return null;
  return loadSessionRecord(await getDb(), claims.uid, claims.org, claims.sv);
});

/** For pages and layouts: redirects to sign-in, or shows "forbidden" for a role that is too low. */
export async function requirePageSession(role: Role = "reviewer"): Promise<SessionContext> {
  const ctx = await getSessionContext();
  if (!ctx) redirect("/login");
  if (!hasRole(ctx.role, role)) redirect("/forbidden");
  return ctx;
}

/** For actions and route handlers: throws 401/403 AppErrors. */
export async function requireSession(role: Role = "reviewer"): Promise<SessionContext> {
  const ctx = await getSessionContext();
  if (!ctx) throw unauthorized();
  if (!hasRole(ctx.role, role)) throw forbidden();
  return ctx;
}
