import { SAME_PERSON_SIMILARITY } from "@/lib/portrait/compare";

/** Below this the two faces are clearly different people; between it and the threshold, a human should look. */
const UNCERTAIN_FROM = SAME_PERSON_SIMILARITY - 15;

export function verdictFor(similarity: number): { label: string; tone: string } {
  if (similarity >= SAME_PERSON_SIMILARITY)
    return { label: "Same person", tone: "bg-green-50 text-green-800 ring-green-200" };
  if (similarity >= UNCERTAIN_FROM)
    return { label: "Uncertain — compare carefully", tone: "bg-amber-50 text-amber-900 ring-amber-200" };
  return { label: "Different person", tone: "bg-red-50 text-red-800 ring-red-200" };
}

/** A similarity with its unit and what it means: "100 % — same person". */
export function similarityText(similarity: number): string {
  return `${Math.round(similarity)} % — ${verdictFor(similarity).label.split(" — ")[0]!.toLowerCase()}`;
}

/** A similarity score (0–100) with a plain verdict and where the threshold sits. */
export function VerdictBand({ similarity }: { similarity: number }) {
  const verdict = verdictFor(similarity);
  return (
    <div className={`rounded-md px-3 py-2 ring-1 ${verdict.tone}`} data-testid="verdict">
      <div className="flex items-baseline justify-between gap-2">
        <span className="font-semibold">{verdict.label}</span>
        <span className="text-sm">
          similarity {Math.round(similarity)} % (same person from {SAME_PERSON_SIMILARITY} %)
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
          title="Same-person threshold"
        />
      </div>
    </div>
  );
}
