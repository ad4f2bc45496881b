import { useTranslations } from "next-intl";
import { SAME_PERSON_SIMILARITY } from "@/lib/portrait/compare";

/** Below this the two faces are clearly different people; between it and the threshold, a human should look. */
const UNCERTAIN_FROM = SAME_PERSON_SIMILARITY - 15;

export type Verdict = "same" | "uncertain" | "different";

export function verdictFor(similarity: number): { verdict: Verdict; tone: string } {
  if (similarity >= SAME_PERSON_SIMILARITY)
    return { verdict: "same", tone: "bg-green-50 text-green-800 ring-green-200" };
  if (similarity >= UNCERTAIN_FROM)
    return { verdict: "uncertain", tone: "bg-amber-50 text-amber-900 ring-amber-200" };
  return { verdict: "different", tone: "bg-red-50 text-red-800 ring-red-200" };
}

/** A similarity with its unit and what it means: "100 % — same person" / "100 %・同一人物". */
export function useSimilarityText(): (similarity: number) => string {
  const t = useTranslations("verdict");
  return (similarity) =>
    t("similarityText", {
      value: Math.round(similarity),
      verdict: t(`short.${verdictFor(similarity).verdict}`),
    });
}

/** A similarity score (0–100) with a plain verdict and where the threshold sits. */
export function VerdictBand({ similarity }: { similarity: number }) {
  const t = useTranslations("verdict");
  const { verdict, tone } = verdictFor(similarity);
  return (
    <div className={`rounded-md px-3 py-2 ring-1 ${tone}`} data-testid="verdict">
      <div className="flex items-baseline justify-between gap-2">
        <span className="font-semibold">{t(`label.${verdict}`)}</span>
        <span className="text-sm">
          {t("similarity", { value: Math.round(similarity), threshold: SAME_PERSON_SIMILARITY })}
        </span>
      </div>
      <div className="relative mt-2 h-2 rounded-full bg-white/70" aria-hidden>
        <div
          className="h-full rounded-full bg-current opacity-60"
          style={{ width: `${Math.min(100, similarity)}%` }}
        />
        <div
          className="absolute top-[-3px] h-3.5 w-0.5 bg-slate-700"
          style={{ left: `${SAME_PERSON_SIMILARITY}%` }}
          title={t("threshold")}
        />
      </div>
    </div>
  );
}
