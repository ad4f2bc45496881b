"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { verdictFor } from "@/components/admin/verdict-band";
import { searchByFaceAction } from "./actions";

export function SearchForm() {
  const [state, action, pending] = useActionState(searchByFaceAction, undefined);
  const [preview, setPreview] = useState<string | null>(null);
  const matches = state?.ok ? (state.result?.matches ?? []) : null;
  return (
    <div className="grid gap-6 md:grid-cols-[18rem_1fr]">
      <form action={action} className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <label className="block text-sm font-medium text-slate-700">
          Photo
          <input
            type="file"
            name="image"
            required
            accept="image/jpeg,image/png,image/webp,image/avif"
            onChange={(e) => {
              const file = e.target.files?.[0];
              setPreview(file ? URL.createObjectURL(file) : null);
            }}
            className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2"
          />
        </label>
        {preview && (
          // eslint-disable-next-line @next/next/no-img-element -- local preview
          <img
            src={preview}
            alt="Photo to search with"
            className="max-h-64 w-full rounded-md object-contain"
          />
        )}
        <input type="hidden" name="limit" value="10" />
        <Button type="submit" disabled={pending} className="w-full">
          {pending ? "Searching…" : "Search"}
        </Button>
        {state && !state.ok && <FormMessage message={state.message} />}
      </form>
      <section aria-labelledby="results" aria-live="polite">
        <h2 id="results" className="sr-only">
          Results
        </h2>
        {matches === null ? (
          <p className="text-sm text-slate-600">Results appear here.</p>
        ) : matches.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
            No registered identity has a searchable portrait yet.
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
                  {m.hasThumbnail ? (
                    // eslint-disable-next-line @next/next/no-img-element -- private, session-checked image
                    <img
                      src={`/api/portraits/${m.portraitId}/thumbnail`}
                      alt=""
                      className="h-12 w-12 rounded-full object-cover"
                    />
                  ) : (
                    <span className="flex h-12 w-12 items-center justify-center rounded-full bg-brand-100 text-center text-[10px] leading-tight text-brand-700">
                      Template only
                    </span>
                  )}
                  <span className="flex-1">
                    <span className="block font-medium">{m.displayName}</span>
                    <span className="font-mono text-xs text-slate-500">{m.externalId}</span>
                  </span>
                  <span className={`rounded-md px-2 py-1 text-sm ring-1 ${verdict.tone}`}>
                    {m.similarity.toFixed(0)} · {m.samePerson ? "match" : verdict.label.toLowerCase()}
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
