import { Badge } from "@/components/ui/badge";
import type { LinkConditions } from "@/db/schema";
import type { QualitySummary } from "@/lib/approvals/service";

export function ConditionBadges({ conditions }: { conditions: LinkConditions }) {
  return (
    <div className="flex flex-wrap gap-1">
      {!conditions.storeImage && (
        <Badge title="The image is deleted once decided; only the template is kept">Image not kept</Badge>
      )}
      {!conditions.qualityCheck && <Badge tone="warn">Quality check skipped</Badge>}
      {conditions.storeImage && conditions.qualityCheck && (
        <Badge title="The photo is kept and was checked for quality">Photo kept, checked</Badge>
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
  if (!quality.checked) {
    return (
      <span className="text-xs text-amber-800">
        Quality check skipped{hasTemplate ? "" : " · no face found"}
      </span>
    );
  }
  // The reviewer's words, with what was measured — not the advice the person read on their phone.
  if (quality.primary?.severity === "warn") {
    const findings = quality.findings ?? [];
    return (
      <span className="text-xs text-amber-800" title={quality.primary.code} data-testid="quality-findings">
        Passed with {findings.length === 1 ? "a warning" : `${findings.length} warnings`}:{" "}
        {findings.join("; ")}
      </span>
    );
  }
  return <span className="text-xs text-green-800">Passed</span>;
}
