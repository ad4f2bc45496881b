import { getLocale } from "next-intl/server";
import { getDb } from "@/db/client";
import { auditCsv } from "@/lib/audit/export";
import { parseAuditFilters } from "@/lib/audit/filters";
import { getSessionContext } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";

export const dynamic = "force-dynamic";

const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { "Cache-Control": "no-store", "Content-Type": "text/plain" } });

/**
 * The audit log under the page's filters as a CSV file in the console's language; admins of the
 * signed-in organization only.
 */
export async function GET(request: Request) {
  const ctx = await getSessionContext();
  if (!ctx) return plain(401, "Sign in to export the audit log.");
  if (!hasRole(ctx.role, "admin")) return plain(403, "Only admins and owners can export the audit log.");
  const filters = parseAuditFilters(Object.fromEntries(new URL(request.url).searchParams));
  const csv = await auditCsv(await getDb(), ctx.organizationId, filters, await getLocale());
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${day}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
