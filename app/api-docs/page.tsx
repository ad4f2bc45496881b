import type { Metadata } from "next";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { PROBLEM_CODES, problemTypeUri } from "@/lib/api/problem";
import { TryIt, type TryItOperation } from "./try-it";

export const metadata: Metadata = { title: "API reference" };
export const dynamic = "force-static";

type Json = Record<string, unknown>;
const METHOD_TONE: Record<string, string> = {
  get: "bg-sky-100 text-sky-800",
  post: "bg-green-100 text-green-800",
  put: "bg-amber-100 text-amber-800",
  patch: "bg-violet-100 text-violet-800",
  delete: "bg-red-100 text-red-800",
};
const anchor = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");
const refName = (schema: unknown) =>
  String((schema as Json | undefined)?.$ref ?? "")
    .split("/")
    .pop() ?? "";

function SchemaLink({ schema }: { schema: unknown }) {
  const name = refName(schema);
  return name ? (
    <a href={`#schema-${anchor(name)}`} className="font-mono text-brand-700 underline">
      {name}
    </a>
  ) : (
    <code>{JSON.stringify(schema)}</code>
  );
}

/** The reference, rendered from the very document at /api/v1/openapi.json (no third-party scripts). */
export default function ApiDocsPage() {
  const doc = buildOpenApiDocument();
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op: op as Json })),
  );
  const tryIt: TryItOperation[] = operations.map(({ path, method, op }) => ({
    id: String(op.operationId),
    method: method.toUpperCase(),
    path,
    bodyType:
      Object.keys(((op.requestBody as Json | undefined)?.content as Json | undefined) ?? {})[0] ?? null,
  }));
  return (
    <main className="mx-auto max-w-5xl space-y-10 px-4 py-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold text-slate-900">{doc.info.title}</h1>
        <p className="text-slate-700">{doc.info.description}</p>
        <p className="text-sm text-slate-600">
          OpenAPI {doc.openapi} document:{" "}
          <a href="/api/v1/openapi.json" className="text-brand-700 underline">
            /api/v1/openapi.json
          </a>{" "}
          · version {doc.info.version}
        </p>
      </header>

      <nav aria-label="Operations" className="rounded-md border border-slate-200 bg-white p-4">
        <ul className="space-y-1 text-sm">
          {operations.map(({ path, method, op }) => (
            <li key={`${method} ${path}`}>
              <a href={`#op-${anchor(String(op.operationId))}`} className="hover:underline">
                <span
                  className={`mr-2 inline-block w-16 rounded px-1.5 text-center font-mono text-xs uppercase ${METHOD_TONE[method]}`}
                >
                  {method}
                </span>
                <span className="font-mono">{path}</span> — {String(op.summary)}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <section className="space-y-8" aria-label="Operations">
        {operations.map(({ path, method, op }) => {
          const params = (op.parameters as Json[] | undefined) ?? [];
          const body = op.requestBody as Json | undefined;
          const bodyContent = Object.entries((body?.content as Json | undefined) ?? {});
          return (
            <article
              key={`${method} ${path}`}
              id={`op-${anchor(String(op.operationId))}`}
              className="space-y-3 rounded-md border border-slate-200 bg-white p-5"
            >
              <h2 className="text-lg font-semibold text-slate-900">
                <span className={`mr-2 rounded px-1.5 font-mono text-sm uppercase ${METHOD_TONE[method]}`}>
                  {method}
                </span>
                <span className="font-mono">{path}</span>
              </h2>
              <p className="text-slate-800">{String(op.summary)}</p>
              {op.description ? <p className="text-sm text-slate-600">{String(op.description)}</p> : null}
              {Array.isArray(op.security) && op.security.length === 0 && (
                <p className="text-sm text-slate-600">No API key needed.</p>
              )}
              {params.length > 0 && (
                <table className="w-full text-left text-sm">
                  <caption className="text-left font-medium text-slate-700">Parameters</caption>
                  <thead className="text-slate-500">
                    <tr>
                      <th className="py-1 font-medium">Name</th>
                      <th className="py-1 font-medium">In</th>
                      <th className="py-1 font-medium">Schema</th>
                      <th className="py-1 font-medium">Description</th>
                    </tr>
                  </thead>
                  <tbody>
                    {params.map((p) => (
                      <tr key={`${p.in}-${p.name}`} className="border-t border-slate-100 align-top">
                        <td className="py-1 font-mono">
                          {String(p.name)}
                          {p.required ? <span className="text-red-700">*</span> : null}
                        </td>
                        <td className="py-1">{String(p.in)}</td>
                        <td className="py-1 font-mono text-xs">{JSON.stringify(p.schema)}</td>
                        <td className="py-1 text-slate-600">{String(p.description ?? "")}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {bodyContent.map(([type, content]) => (
                <p key={type} className="text-sm">
                  <span className="font-medium">Body</span> (<code>{type}</code>):{" "}
                  <SchemaLink schema={(content as Json).schema} />{" "}
                  <span className="text-slate-500">{String(body?.description ?? "")}</span>
                </p>
              ))}
              <div className="text-sm">
                <p className="font-medium">Responses</p>
                <ul className="mt-1 space-y-1">
                  {Object.entries(op.responses as Json).map(([status, response]) => {
                    const r = response as Json;
                    const [type, content] = Object.entries((r.content as Json | undefined) ?? {})[0] ?? [];
                    return (
                      <li key={status}>
                        <span
                          className={`mr-2 font-mono ${Number(status) < 400 ? "text-green-700" : "text-red-700"}`}
                        >
                          {status}
                        </span>
                        {String(r.description)}
                        {type ? (
                          <>
                            {" "}
                            — <code className="text-xs">{type}</code>{" "}
                            <SchemaLink schema={(content as Json).schema} />
                          </>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              </div>
            </article>
          );
        })}
      </section>

      <section aria-labelledby="try-heading" className="space-y-3">
        <h2 id="try-heading" className="text-lg font-semibold text-slate-900">
          Try it
        </h2>
        <TryIt operations={tryIt} />
      </section>

      <section aria-labelledby="problems-heading" className="space-y-3">
        <h2 id="problems-heading" className="text-lg font-semibold text-slate-900">
          Problem codes
        </h2>
        <p className="text-sm text-slate-600">
          Errors are <code>application/problem+json</code> (RFC 9457): <code>type</code>, <code>title</code>,{" "}
          <code>status</code>, <code>code</code>, <code>detail</code>, and for some <code>errors</code> (JSON
          Pointers, batch indexes) or <code>report</code>.
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

      <section aria-labelledby="schemas-heading" className="space-y-4">
        <h2 id="schemas-heading" className="text-lg font-semibold text-slate-900">
          Schemas
        </h2>
        {Object.entries(doc.components.schemas).map(([name, schema]) => (
          <div key={name} id={`schema-${anchor(name)}`}>
            <h3 className="font-mono font-medium">{name}</h3>
            <pre className="mt-1 max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
              {JSON.stringify(schema, null, 2)}
            </pre>
          </div>
        ))}
      </section>
    </main>
  );
}
