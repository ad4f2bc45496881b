import { readFileSync } from "node:fs";
import { E2E } from "./env";

/** The API keys the seed created for org A and org B. */
export function seededApiKeys(): { a: string; b: string } {
  return JSON.parse(readFileSync(E2E.keysFile, "utf8")) as { a: string; b: string };
}
