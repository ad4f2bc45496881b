import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

/**
 * CSRF defence for server actions. Next.js refuses an action whose Origin names another host, but
 * lets one without an Origin header through; browsers always send Origin on a POST, so a missing
 * one is a script or a very old client, and we refuse it too.
 */
export async function isSameOriginRequest(): Promise<boolean> {
  const h = await headers();
  const origin = h.get("origin");
  if (!origin || origin === "null") return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const host = h.get("x-forwarded-host")?.split(",")[0]?.trim() || h.get("host");
  if (host && url.host === host) return true;
  return url.origin === new URL(env().APP_URL).origin;
}

export const CROSS_ORIGIN_MESSAGE =
  "This request did not come from this site. Reload the page and try again.";
