import Link from "next/link";
import { getDb } from "@/db/client";
import { listApiKeys } from "@/lib/api-keys/service";
import { requirePageSession } from "@/lib/auth/session";
import { ApiKeysSection } from "./api-keys";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const ctx = await requirePageSession("owner");
  const keys = await listApiKeys(await getDb(), ctx.organizationId);
  return (
    <div className="space-y-8">
      <h1 className="text-xl font-semibold text-slate-900">Settings</h1>
      <section aria-labelledby="api-keys-heading" className="space-y-3">
        <div>
          <h2 id="api-keys-heading" className="text-lg font-semibold text-slate-900">
            API keys
          </h2>
          <p className="text-sm text-slate-600">
            Integrations call the REST API with <code>Authorization: Bearer &lt;key&gt;</code>. A key acts for the whole
            organization; keep it secret. See the{" "}
            <Link href="/api-docs" className="text-brand-700 underline">
              API reference
            </Link>
            .
          </p>
        </div>
        <ApiKeysSection
          keys={keys.map((k) => ({
            id: k.id,
            name: k.name,
            prefix: k.prefix,
            createdAt: k.createdAt.toISOString(),
            lastUsedAt: k.lastUsedAt ? new Date(k.lastUsedAt).toISOString() : null,
            revokedAt: k.revokedAt ? new Date(k.revokedAt).toISOString() : null,
          }))}
        />
      </section>
    </div>
  );
}
