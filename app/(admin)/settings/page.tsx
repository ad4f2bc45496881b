import Link from "next/link";
import { getDb } from "@/db/client";
import { listApiKeys } from "@/lib/api-keys/service";
import { requirePageSession } from "@/lib/auth/session";
import { listMembers } from "@/lib/members/service";
import { getQualityOverrides } from "@/lib/organizations/quality-settings";
import { DEFAULT_THRESHOLDS } from "@/lib/portrait";
import { ApiKeysSection } from "./api-keys";
import { MembersSection } from "./members";
import { QualitySection } from "./quality";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const ctx = await requirePageSession("owner");
  const db = await getDb();
  const [keys, members, overrides] = await Promise.all([
    listApiKeys(db, ctx.organizationId),
    listMembers(db, ctx.organizationId),
    getQualityOverrides(db, ctx.organizationId),
  ]);
  return (
    <div className="space-y-8">
      <h1 className="text-xl font-semibold text-slate-900">Settings</h1>
      <section aria-labelledby="members-heading" className="space-y-3">
        <div>
          <h2 id="members-heading" className="text-lg font-semibold text-slate-900">
            Members
          </h2>
          <p className="text-sm text-slate-600">
            Owners manage members and keys; admins manage identities and links; reviewers decide approvals.
          </p>
        </div>
        <MembersSection
          members={members.map(({ userId, email, name, role, disabled }) => ({
            userId,
            email,
            name,
            role,
            disabled,
          }))}
          selfId={ctx.userId}
        />
      </section>
      <section aria-labelledby="quality-heading" className="space-y-3">
        <div>
          <h2 id="quality-heading" className="text-lg font-semibold text-slate-900">
            Photo quality thresholds
          </h2>
          <p className="text-sm text-slate-600">
            How strict the quality check is for this organization’s uploads.
          </p>
        </div>
        <QualitySection
          defaults={{ ...DEFAULT_THRESHOLDS }}
          overrides={overrides as Record<string, number>}
        />
      </section>
      <section aria-labelledby="api-keys-heading" className="space-y-3">
        <div>
          <h2 id="api-keys-heading" className="text-lg font-semibold text-slate-900">
            API keys
          </h2>
          <p className="text-sm text-slate-600">
            Integrations call the REST API with <code>Authorization: Bearer &lt;key&gt;</code>. A key acts for
            the whole organization; keep it secret. See the{" "}
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
