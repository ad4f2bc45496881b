import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * One date format in the console (issue 13 item 8): every date on screen goes through
 * components/ui/date-time.tsx and lib/i18n/dates.ts. This fails when app/ or components/ format a
 * date any other way. Server-side .ts files (actions, route handlers) may still write ISO 8601 for
 * transport and files — the audit CSV stays ISO 8601 UTC on purpose, it is read by programs.
 * The person's upload page (app/upload, components/upload) has its own wording and is not the console's.
 */
const ROOT = join(__dirname, "..", "..");
const SKIP = [/^app\/upload\//, /^components\/upload\//, /^app\/api\//, /\.test\.tsx?$/];
const FORMATTER = "components/ui/date-time.tsx";

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** What no console file may use to show a date; `ui` rules apply to components (.tsx) only. */
const RULES: { pattern: RegExp; what: string; ui?: boolean }[] = [
  { pattern: /\.toLocale(Date|Time)?String\(/, what: "toLocaleString/toLocaleDateString/toLocaleTimeString" },
  {
    pattern: /Intl\.DateTimeFormat|Intl\.RelativeTimeFormat/,
    what: "Intl.DateTimeFormat outside the formatter",
  },
  { pattern: /\.toISOString\(/, what: "a raw ISO date in a component", ui: true },
];

export function offences(path: string, source: string): string[] {
  if (path === FORMATTER) return [];
  return RULES.filter((r) => (!r.ui || path.endsWith(".tsx")) && r.pattern.test(source)).map(
    (r) => `${path}: ${r.what}`,
  );
}

describe("one date formatter for the console", () => {
  const console = [...files("app"), ...files("components")]
    .map((p) => relative(ROOT, join(ROOT, p)).replaceAll("\\", "/"))
    .filter((p) => !SKIP.some((re) => re.test(p)));

  it("finds the console's files", () => {
    expect(console.length).toBeGreaterThan(40);
    expect(console).toContain("app/(admin)/audit/page.tsx");
  });

  it("no console file formats a date except through components/ui/date-time.tsx", () => {
    expect(console.flatMap((p) => offences(p, readFileSync(join(ROOT, p), "utf8")))).toEqual([]);
  });

  it("the check catches each way it forbids", () => {
    expect(offences("app/x.tsx", "d.toLocaleString()")).toHaveLength(1);
    expect(offences("app/x.tsx", "d.toLocaleDateString('en')")).toHaveLength(1);
    expect(offences("app/x.tsx", "new Intl.DateTimeFormat('en')")).toHaveLength(1);
    expect(offences("app/x.tsx", "{d.toISOString().slice(0, 10)}")).toHaveLength(1);
    expect(offences("app/x/actions.ts", "expiresAt: d.toISOString()")).toEqual([]);
    expect(offences("components/ui/date-time.tsx", "date.toISOString()")).toEqual([]);
  });
});
