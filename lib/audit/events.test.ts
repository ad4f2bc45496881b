import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isAuditEvent } from "./filters";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("audit events", () => {
  it("every event the code writes has words for the log's sentences and its event filter", () => {
    const written = new Set<string>();
    for (const file of [...sources("lib"), ...sources("app")]) {
      for (const line of readFileSync(file, "utf8").split("\n")) {
        if (!/\baction: /.test(line)) continue;
        for (const [, name] of line.matchAll(/"([a-z_]+\.[a-z_]+)"/g)) written.add(name!);
      }
    }
    expect(written.size).toBeGreaterThan(15);
    expect([...written].filter((name) => !isAuditEvent(name))).toEqual([]);
  });
});
