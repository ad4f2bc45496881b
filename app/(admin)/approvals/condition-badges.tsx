import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { LinkConditions } from "@/db/schema";
import type { QualitySummary } from "@/lib/approvals/service";
import { useFinding } from "./finding";

export function ConditionBadges({ conditions }: { conditions: LinkConditions }) {
  const t = useTranslations("approvals.badges");
  return (
    <div className="flex flex-wrap gap-1">
      {!conditions.storeImage && <Badge title={t("imageNotKeptHint")}>{t("imageNotKept")}</Badge>}
      {!conditions.qualityCheck && <Badge tone="warn">{t("qualitySkipped")}</Badge>}
      {conditions.storeImage && conditions.qualityCheck && (
        <Badge title={t("keptCheckedHint")}>{t("keptChecked")}</Badge>
      )}
    </div>
  );
}

export function QualityBadge({
  quality,
  hasTemplate = true,
}: {
  quality: QualitySummary;
  hasTemplate?: boolean;
}) {
  const t = useTranslations("approvals.badges");
  const finding = useFinding();
  if (!quality.checked) {
    return (
      <span className="text-xs text-amber-800">
        {t(hasTemplate ? "qualitySkipped" : "qualitySkippedNoFace")}
      </span>
    );
  }
  // The reviewer's words, with what was measured — not the advice the person read on their phone.
  if (quality.primary?.severity === "warn") {
    // Reports from before `issues` existed carry only the English findings.
    const findings = quality.issues ? quality.issues.map(finding) : (quality.findings ?? []);
    return (
      <span className="text-xs text-amber-800" title={quality.primary.code} data-testid="quality-findings">
        {t("passedWithWarnings", { count: findings.length, findings: findings.join("; ") })}
      </span>
    );
  }
  return <span className="text-xs text-green-800">{t("passed")}</span>;
}
