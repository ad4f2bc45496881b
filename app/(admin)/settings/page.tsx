import Link from "next/link";
import type { ReactNode } from "react";
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
import { tabTitle } from "@/components/i18n/tab-title";

export const generateMetadata = tabTitle("settings.title");

/** One part of the settings: a heading (what the section is named by) and a line on what it is for. */
function SettingsSection({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <div>
        <h2 id={id} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        <p className="text-sm text-slate-600">{intro}</p>
      </div>
      {children}
    </section>
  );
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
      <SettingsSection id="members-heading" title={t("members")} intro={t("membersIntro")}>
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
      </SettingsSection>
      <SettingsSection id="quality-heading" title={t("quality")} intro={t("qualityIntro")}>
        <QualitySection
          defaults={{ ...DEFAULT_THRESHOLDS }}
          overrides={overrides as Record<string, number>}
        />
      </SettingsSection>
      <SettingsSection
        id="api-keys-heading"
        title={t("apiKeys")}
        intro={t.rich("apiKeysIntro", {
          header: "Authorization: Bearer <key>",
          code: (chunks) => <code>{chunks}</code>,
          link: (chunks) => (
            <Link href="/api-docs" className="text-brand-700 underline">
              {chunks}
            </Link>
          ),
        })}
      >
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
      </SettingsSection>
    </div>
  );
}
