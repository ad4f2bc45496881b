import type { Metadata } from "next";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { PROBLEM_CODES, problemTypeUri } from "@/lib/api/problem";
import { ApiReference } from "./api-reference";

export const metadata: Metadata = { title: "API reference" };
export const dynamic = "force-static";

/**
 * The API reference, rendered from the very document at /api/v1/openapi.json (request and response
 * examples come from lib/api/examples.ts), followed by the problem codes every error's `type` links to.
 */
export default function ApiDocsPage() {
  const doc = buildOpenApiDocument();
  return (
    <>
      <ApiReference document={doc} />
      <section aria-labelledby="problems-heading" className="mx-auto max-w-5xl space-y-3 px-4 py-10">
        <h2 id="problems-heading" className="text-lg font-semibold text-slate-900">
          Problem codes
        </h2>
        <p className="text-sm text-slate-600">
          Errors are <code>application/problem+json</code> (RFC 9457): <code>type</code> (a link to the entry
          below), <code>title</code>, <code>status</code>, <code>code</code>, <code>detail</code>, and for
          some <code>errors</code> (JSON Pointers, batch indexes) or <code>report</code>. The whole document:{" "}
          <a href="/api/v1/openapi.json" className="text-brand-700 underline">
            /api/v1/openapi.json
          </a>
          .
        </p>
        <dl className="space-y-2 text-sm">
          {Object.entries(PROBLEM_CODES).map(([code, meaning]) => (
            <div key={code} id={problemTypeUri(code).split("#")[1]}>
              <dt className="font-mono font-medium">{code}</dt>
              <dd className="text-slate-600">{meaning}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
