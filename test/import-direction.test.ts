import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Imports run one way: app → components and lib → db. Checked on the source:
 * a module that reached upward would pull routes or the Auth.js set-up into services and tools.
 */

const ROOT = process.cwd();

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) {
      if (name !== "migrations") out.push(...sourceFiles(path));
    } else if (/\.(tsx?|mjs)$/.test(name)) out.push(path);
  }
  return out;
}

/**
 * Every module a file names in `import … from`, `export … from`, `import("…")` or `vi.mock("…")`.
 * Type-only imports (`import type …`) are erased by the compiler and load nothing: not counted
 * (db/schema.ts types its jsonb column with lib's QualityReport).
 */
function importedModules(source: string): string[] {
  const text = source.replace(/^\s*(?:import|export)\s+type\s[^;]*?from\s*["'][^"']+["'];?/gm, "");
  const specifiers = text.matchAll(
    /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|vi\.mock\(\s*)["']([^"']+)["']/g,
  );
  return [...specifiers].map((m) => m[1]!);
}

/** Where an import lands, as a path from the repository root (null for packages). */
function target(file: string, specifier: string): string | null {
  if (specifier.startsWith("@/")) return specifier.slice(2);
  if (specifier.startsWith(".")) return relative(ROOT, join(ROOT, file, "..", specifier));
  return null;
}

function offenders(dir: string, forbidden: (target: string) => boolean): string[] {
  return sourceFiles(dir).flatMap((file) =>
    importedModules(readFileSync(join(ROOT, file), "utf8"))
      .map((specifier) => target(file, specifier))
      .filter((t): t is string => t !== null && forbidden(t))
      .map((t) => `${file} → ${t}`),
  );
}

const isApp = (t: string) => t === "app" || t.startsWith("app/");
const isRootAuth = (t: string) => t === "auth" || t === "auth.ts";

describe("import direction", () => {
  it("finds the imports it is meant to find", () => {
    expect(
      importedModules(
        'import a from "@/app/x";\nimport { b } from "../auth";\nexport * from "./c";\nawait import("@/lib/d");\nimport "server-only";\nimport type { T } from "@/lib/t";\nimport type {\n  U,\n} from "@/lib/u";',
      ),
    ).toEqual(["@/app/x", "../auth", "./c", "@/lib/d", "server-only"]);
    expect(target("lib/auth/session.ts", "../../auth")).toBe("auth");
  });

  it("nothing in lib/ imports app/, components/ or the root auth.ts", () => {
    expect(sourceFiles("lib").length).toBeGreaterThan(50);
    expect(offenders("lib", (t) => isApp(t) || isRootAuth(t) || t.startsWith("components/"))).toEqual([]);
  });

  it("db/ imports nothing from lib/ but configuration (lib/env), and nothing from app/", () => {
    expect(sourceFiles("db").length).toBeGreaterThan(1);
    expect(
      offenders(
        "db",
        (t) =>
          isApp(t) ||
          isRootAuth(t) ||
          t.startsWith("components/") ||
          (t.startsWith("lib/") && t !== "lib/env"),
      ),
    ).toEqual([]);
  });

  it("components/ import no routes or pages from app/", () => {
    expect(offenders("components", isApp)).toEqual([]);
  });
});
