import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildNeeded, SOURCE_DIRS, SOURCE_FILES } from "./start.mjs";

function touch(file: string, secondsAgo: number) {
  const at = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(file, at, at);
}

describe("npm start builds only when needed", () => {
  it("builds with no build, skips when the build is newer than every source, rebuilds after a change", () => {
    const dir = mkdtempSync(join(tmpdir(), "start-"));
    mkdirSync(join(dir, "app"), { recursive: true });
    writeFileSync(join(dir, "app", "page.tsx"), "x");
    writeFileSync(join(dir, "package.json"), "{}");
    touch(join(dir, "app", "page.tsx"), 100);
    touch(join(dir, "package.json"), 100);
    expect(buildNeeded(dir, ".next")).toBe("no build yet");

    mkdirSync(join(dir, ".next"));
    writeFileSync(join(dir, ".next", "BUILD_ID"), "b1");
    touch(join(dir, ".next", "BUILD_ID"), 50);
    expect(buildNeeded(dir, ".next")).toBeNull();

    // A test file is not part of the build.
    writeFileSync(join(dir, "app", "page.test.ts"), "t");
    expect(buildNeeded(dir, ".next")).toBeNull();

    writeFileSync(join(dir, "app", "page.tsx"), "y");
    expect(buildNeeded(dir, ".next")).toBe(`${join("app", "page.tsx")} changed since the last build`);
  });
});

describe("what counts as a build input", () => {
  /** Top-level entries of the repository that never reach `next build`. */
  const NOT_BUILT = [
    ".ci",
    ".gitignore",
    ".prettierignore",
    ".prettierrc.json",
    "README.md",
    "bench",
    "docs",
    "drizzle.config.ts",
    "e2e",
    "eslint.config.mjs",
    "playwright.config.ts",
    "playwright.security.config.ts",
    "scripts",
    "test",
    "vitest.config.ts",
  ];

  it("names every tracked top-level file or folder as a build input or not (messages/ was once missed)", () => {
    const tracked = execFileSync("git", ["ls-files"], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map((path) => path.replace(/\/.*/s, ""));
    const known = new Set([...SOURCE_DIRS, ...SOURCE_FILES, ...NOT_BUILT]);
    expect([...new Set(tracked)].filter((entry) => !known.has(entry))).toEqual([]);
  });
});
