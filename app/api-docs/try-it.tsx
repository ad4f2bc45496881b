"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

export interface TryItOperation {
  id: string;
  method: string;
  path: string;
  bodyType: string | null;
}

const field = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-mono";

/** Sends one request from the browser with a key typed here (kept in memory only, never stored). */
export function TryIt({ operations }: { operations: TryItOperation[] }) {
  const [selected, setSelected] = useState(operations[0]?.id ?? "");
  const [key, setKey] = useState("");
  const [path, setPath] = useState(operations[0]?.path ?? "");
  const [body, setBody] = useState("");
  const [result, setResult] = useState<string>();
  const op = operations.find((o) => o.id === selected);

  async function send() {
    if (!op) return;
    const headers: Record<string, string> = {};
    if (key) headers.Authorization = `Bearer ${key}`;
    let payload: BodyInit | undefined;
    if (op.bodyType === "application/json" && body.trim()) {
      headers["Content-Type"] = "application/json";
      payload = body;
    }
    try {
      const response = await fetch(path, { method: op.method, headers, body: payload });
      const text = await response.text();
      let pretty = text;
      try {
        pretty = JSON.stringify(JSON.parse(text), null, 2);
      } catch {}
      setResult(
        `${response.status} ${response.statusText}\n${response.headers.get("content-type") ?? ""}\n\n${pretty}`,
      );
    } catch (error) {
      setResult(`Request failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return (
    <form
      className="space-y-3 rounded-md border border-slate-200 bg-white p-5"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <label className="block text-sm font-medium text-slate-700">
        API key
        <input
          type="password"
          autoComplete="off"
          className={field}
          value={key}
          onChange={(e) => setKey(e.target.value)}
          placeholder="imk_…"
        />
      </label>
      <label className="block text-sm font-medium text-slate-700">
        Operation
        <select
          className={field}
          value={selected}
          onChange={(e) => {
            const next = operations.find((o) => o.id === e.target.value);
            setSelected(e.target.value);
            if (next) setPath(next.path);
          }}
        >
          {operations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.method} {o.path}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm font-medium text-slate-700">
        URL (fill in path parameters and query)
        <input className={field} value={path} onChange={(e) => setPath(e.target.value)} />
      </label>
      {op?.bodyType === "application/json" && (
        <label className="block text-sm font-medium text-slate-700">
          JSON body
          <textarea
            rows={6}
            className={field}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            placeholder='{"identities":[{"externalId":"E-1"}]}'
          />
        </label>
      )}
      {op?.bodyType === "multipart/form-data" && (
        <p className="text-sm text-slate-600">Multipart uploads: use curl (see the README).</p>
      )}
      <Button type="submit">Send</Button>
      {result && (
        <pre
          aria-live="polite"
          className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100"
        >
          {result}
        </pre>
      )}
    </form>
  );
}
