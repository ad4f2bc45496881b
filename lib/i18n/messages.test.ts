import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import ja from "@/messages/ja.json";

/** Every leaf of a message tree as "a.b.c" → text. */
function leaves(tree: unknown, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (tree && typeof tree === "object" && !Array.isArray(tree)) {
    for (const [key, value] of Object.entries(tree)) {
      for (const [k, v] of leaves(value, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  } else out.set(prefix, tree);
  return out;
}

describe("console messages", () => {
  const enLeaves = leaves(en);
  const jaLeaves = leaves(ja);

  it("English and Japanese have exactly the same keys", () => {
    expect([...jaLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
  });

  it("no message is empty or anything but text", () => {
    for (const [lang, map] of [
      ["en", enLeaves],
      ["ja", jaLeaves],
    ] as const) {
      for (const [key, value] of map) {
        expect(typeof value, `${lang}: ${key}`).toBe("string");
        expect((value as string).trim(), `${lang}: ${key}`).not.toBe("");
      }
    }
  });

  it("the Japanese file is Japanese: every sentence-like message has Japanese characters", () => {
    // Brand names, codes and pure placeholders ("{count, number}") may stay as they are.
    const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
    const untranslated = [...jaLeaves].filter(
      ([, v]) =>
        /[a-z]{4,} [a-z]{3,}/i.test(String(v).replace(/\{[^}]*\}|<[^>]*>/g, "")) && !japanese.test(String(v)),
    );
    expect(untranslated.map(([k]) => k)).toEqual([]);
  });

  it("both files use the same placeholders in each message", () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]).sort();
    for (const [key, value] of enLeaves) {
      expect(names(String(jaLeaves.get(key))), key).toEqual(names(String(value)));
    }
  });
});
