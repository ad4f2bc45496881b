import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { SEC } from "./env";

/**
 * docs/SECURITY.md B 26, H 76: after every other security spec has run against the server (sign-ins,
 * uploads with real tokens, API keys, image bytes, faults), nothing it printed may contain a token,
 * a key, a password or image data.
 */
test("the server's log holds no tokens, API keys, passwords, hashes or image bytes", () => {
  const log = readFileSync(SEC.serverLog, "utf8");
  expect(log.length).toBeGreaterThan(0);
  const seed = JSON.parse(readFileSync(SEC.seedFile, "utf8")) as { apiKeyA: string; apiKeyB: string };
  const forbidden: [string, RegExp][] = [
    ["upload token", /upl_[A-Za-z0-9_-]{43}/],
    ["the seeded password", new RegExp(SEC.password.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))],
    ["API key A", new RegExp(seed.apiKeyA.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))],
    ["API key B", new RegExp(seed.apiKeyB.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))],
    ["argon2 hash", /\$argon2/],
    ["SHA-256 hex (token or key hash)", /\b[0-9a-f]{64}\b/],
    ["base64 JPEG", /\/9j\/4/],
    ["base64 PNG", /iVBORw0KGgo/],
    ["raw JPEG bytes", /\xff\xd8\xff/],
    ["a long base64 run", /[A-Za-z0-9+/]{400,}/],
    ["the test image marker", /SECRET-IMAGE-BYTES/],
  ];
  for (const [what, pattern] of forbidden) expect(log, what).not.toMatch(pattern);
});
