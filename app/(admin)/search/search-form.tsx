"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { MatchedPerson } from "@/components/admin/matched-person";
import { useSimilarityText, verdictFor } from "@/components/admin/verdict-band";
import { searchByFaceAction } from "./actions";

export function SearchForm() {
  const t = useTranslations("search");
  const similarityText = useSimilarityText();
  const [state, action, pending] = useActionState(searchByFaceAction, undefined);
  const [preview, setPreview] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const matches = state?.ok ? (state.result?.matches ?? []) : null;
  return (
    <div className="grid gap-6 md:grid-cols-[18rem_1fr]">
      <form action={action} className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <div>
          <span id="search-photo-label" className="block text-sm font-medium text-slate-700">
            {t("photo")}
          </span>
          {/* The native input's "No file chosen" would sit next to the photo it shows: a button instead. */}
          <input
            id="search-photo"
            type="file"
            name="image"
            required
            aria-labelledby="search-photo-label"
            accept="image/jpeg,image/png,image/webp,image/avif"
            onChange={(e) => {
              const file = e.target.files?.[0];
              setPreview(file ? URL.createObjectURL(file) : null);
              setFileName(file?.name ?? null);
            }}
            className="peer sr-only"
          />
          <label
            htmlFor="search-photo"
            className="mt-1 flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-800 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-600 hover:bg-slate-50"
          >
            <span aria-hidden>📷</span>
            {fileName ? (
              <span className="min-w-0 flex-1 truncate">{t("changePhoto", { fileName })}</span>
            ) : (
              <span>{t("choosePhoto")}</span>
            )}
          </label>
        </div>
        {preview && (
          // eslint-disable-next-line @next/next/no-img-element -- local preview
          <img src={preview} alt={t("previewAlt")} className="max-h-64 w-full rounded-md object-contain" />
        )}
        <input type="hidden" name="limit" value="10" />
        <Button type="submit" disabled={pending} className="w-full">
          {pending ? t("searching") : t("search")}
        </Button>
        {state && !state.ok && !state.result?.noFace && <FormMessage message={state.message} />}
      </form>
      <section aria-labelledby="results" aria-live="polite">
        <h2 id="results" className="sr-only">
          {t("results")}
        </h2>
        {state && !state.ok && state.result?.noFace ? (
          <p
            className="rounded-lg border border-dashed border-amber-300 bg-amber-50 p-8 text-center text-sm text-amber-900"
            data-testid="no-face"
          >
            {t("noFace")}
          </p>
        ) : matches === null ? (
          <p className="text-sm text-slate-600">{t("resultsHere")}</p>
        ) : matches.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
            {t("nobody")}
          </p>
        ) : (
          <ol className="space-y-2">
            {matches.map((m, i) => {
              const verdict = verdictFor(m.similarity);
              return (
                <li
                  key={m.identityId}
                  data-testid="search-match"
                  className="flex items-center gap-3 rounded-lg bg-white px-4 py-3 ring-1 ring-slate-200"
                >
                  <span className="w-5 text-right text-sm text-slate-500">{i + 1}</span>
                  <MatchedPerson match={m} templateOnly={t("templateOnly")} />
                  <span className={`rounded-md px-2 py-1 text-sm ring-1 ${verdict.tone}`}>
                    {similarityText(m.similarity)}
                  </span>
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </div>
  );
}
