import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { listApiKeys } from "@/lib/api-keys/service";
import { requirePageSession } from "@/lib/auth/session";
import { listMembers } from "@/lib/members/service";
import { getQualityOverrides } from "@/lib/organizations/quality-settings";
import { DEFAULT_THRESHOLDS } from "@/lib/portrait";
import { ApiKeysSection } from "./api-keys";
import { MembersSection } from "./members";
import { QualitySection } from "./quality";

export async function generateMetadata() {
  return { title: (await getTranslations("settings"))("title") };
}

export default async function SettingsPage() {
  const ctx = await requirePageSession("owner");
  const t = await getTranslations("settings");
  const db = await getDb();
  const [keys, members, overrides] = await Promise.all([
    listApiKeys(db, ctx.organizationId),
    listMembers(db, ctx.organizationId),
    getQualityOverrides(db, ctx.organizationId),
  ]);
  return (
    <div className="space-y-8">
      <h1 className="text-xl font-semibold text-slate-900">{t("title")}</h1>
      <section aria-labelledby="members-heading" className="space-y-3">
        <div>
          <h2 id="members-heading" className="text-lg font-semibold text-slate-900">
            {t("members")}
          </h2>
          <p className="text-sm text-slate-600">{t("membersIntro")}</p>
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
            {t("quality")}
          </h2>
          <p className="text-sm text-slate-600">{t("qualityIntro")}</p>
        </div>
        <QualitySection
          defaults={{ ...DEFAULT_THRESHOLDS }}
          overrides={overrides as Record<string, number>}
        />
      </section>
      <section aria-labelledby="api-keys-heading" className="space-y-3">
        <div>
          <h2 id="api-keys-heading" className="text-lg font-semibold text-slate-900">
            {t("apiKeys")}
          </h2>
          <p className="text-sm text-slate-600">
            {t.rich("apiKeysIntro", {
              header: "Authorization: Bearer <key>",
              code: (chunks) => <code>{chunks}</code>,
              link: (chunks) => (
                <Link href="/api-docs" className="text-brand-700 underline">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        </div>
        <ApiKeysSection
          keys={keys.map((k) => ({
            id: k.id,
            name: k.name,
            prefix: k.prefix,
            createdAt: k.createdAt,
            lastUsedAt: k.lastUsedAt ? new Date(k.lastUsedAt) : null,
            revokedAt: k.revokedAt ? new Date(k.revokedAt) : null,
          }))}
        />
      </section>
    </div>
  );
}
