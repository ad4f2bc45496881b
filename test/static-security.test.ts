import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/** docs/SECURITY.md F 57 and the action-wrapper rule, checked on the source (no build needed). */

const ROOT = process.cwd();
function files(dir: string, match: (path: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path, match));
    else if (match(path)) out.push(relative(ROOT, path));
  }
  return out;
}
const source = (path: string) => readFileSync(join(ROOT, path), "utf8");

describe("static security checks", () => {
  const routes = files(join(ROOT, "app"), (p) => /route\.tsx?$/.test(p));
  const serverFiles = files(join(ROOT, "app"), (p) => /\.tsx?$/.test(p) && !p.endsWith(".test.ts"));

  it("nothing runs on the edge runtime, and every route that takes an upload says nodejs explicitly", () => {
    expect(routes.length).toBeGreaterThan(0);
    for (const path of serverFiles) expect(source(path), path).not.toMatch(/runtime\s*=\s*["']edge["']/);
    const uploads = routes.filter((p) => /formData\(|readMultipartFile|multipart/i.test(source(p)));
    expect(uploads).toContain("app/api/public/uploads/[token]/route.ts");
    for (const path of uploads) expect(source(path), path).toMatch(/export const runtime = "nodejs"/);
  });

  it("every server action refuses cross-origin calls: built with sessionAction/formAction or checking the origin itself", () => {
    const actionFiles = serverFiles.filter((p) => /^["']use server["']/m.test(source(p)));
    expect(actionFiles.length).toBeGreaterThan(0);
    for (const path of actionFiles) {
      const text = source(path);
      const exports = [...text.matchAll(/^export (?:async function (\w+)|const (\w+) = )/gm)].map(
        (m) => m[1] ?? m[2],
      );
      for (const name of exports) {
        const start = text.indexOf(
          `${name}`,
          text.search(new RegExp(`^export (?:async function|const) ${name}\\b`, "m")),
        );
        const next = text.slice(start + 1).search(/^export /m);
        const body = next === -1 ? text.slice(start) : text.slice(start, start + 1 + next);
        expect(
          /= (?:sessionAction|formAction)\(/.test(body) || /isSameOriginRequest\(\)/.test(body),
          `${path}: ${name}`,
        ).toBe(true);
      }
    }
  });

  it("no instanceof on our own classes: the production build can hold a class twice (issue 11)", () => {
    const source_ = [
      ...files(join(ROOT, "app"), (p) => /\.tsx?$/.test(p)),
      ...files(join(ROOT, "lib"), (p) => /\.(tsx?|mjs)$/.test(p)),
      ...files(join(ROOT, "components"), (p) => /\.tsx?$/.test(p)),
      ...files(join(ROOT, "scripts"), (p) => /\.(ts|mjs)$/.test(p)),
    ].filter((p) => !/\.test\.ts$/.test(p));
    const ours = new Set(source_.flatMap((p) => [...source(p).matchAll(/\bclass (\w+)/g)].map((m) => m[1]!)));
    expect(ours).toContain("AppError");
    // Code only: comments may explain the rule.
    const code = (p: string) =>
      source(p)
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/\/\/.*$/gm, "");
    const offenders = source_.flatMap((p) =>
      [...code(p).matchAll(/instanceof\s+(\w+)/g)].filter((m) => ours.has(m[1]!)).map((m) => `${p}: ${m[0]}`),
    );
    expect(offenders).toEqual([]);
  });
});
