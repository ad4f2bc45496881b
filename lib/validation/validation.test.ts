import { describe, expect, it } from "vitest";
import { causeChain } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "./cursor";
import { isUuid } from "./uuid";

describe("isUuid", () => {
  it("takes the canonical form only: 36 dashes or hex without dashes never reach ::uuid", () => {
    expect(isUuid("0b6f7c2e-3f6a-4c1e-9a57-2d5e8f3b1a90")).toBe(true);
    expect(isUuid("0B6F7C2E-3F6A-4C1E-9A57-2D5E8F3B1A90")).toBe(true);
    expect(isUuid("-".repeat(36))).toBe(false);
    expect(isUuid("0b6f7c2e3f6a4c1e9a572d5e8f3b1a90abcd")).toBe(false);
    expect(isUuid("0b6f7c2e-3f6a-4c1e-9a57-2d5e8f3b1a9g")).toBe(false);
  });
});

describe("keyset cursor", () => {
  const id = "0b6f7c2e-3f6a-4c1e-9a57-2d5e8f3b1a90";
  it("reads back what it wrote", () => {
    expect(decodeCursor(encodeCursor("ana", id), () => true)).toEqual(["ana", id]);
  });
  it("refuses a bad id, a key the caller refuses, and anything that is not a cursor, as INVALID_CURSOR", () => {
    const bad = [
      encodeCursor("ana", "-".repeat(36)),
      encodeCursor("refused", id),
      Buffer.from(JSON.stringify(["ana", id, 1])).toString("base64url"),
      Buffer.from("{").toString("base64url"),
      "not a cursor",
    ];
    for (const raw of bad)
      expect(() => decodeCursor(raw, (key) => key !== "refused"), raw).toThrow(
        expect.objectContaining({ code: "INVALID_CURSOR", status: 400 }),
      );
  });
});

describe("causeChain", () => {
  it("walks Drizzle's wrapping down to the driver's error, and stops after five", () => {
    const driver = { code: "23505" };
    const wrapped = new Error("Failed query", { cause: new Error("inner", { cause: driver }) });
    expect([...causeChain(wrapped)].at(-1)).toBe(driver);
    let deep: unknown = { code: "deepest" };
    for (let i = 0; i < 6; i++) deep = { cause: deep };
    expect([...causeChain(deep)]).toHaveLength(5);
    expect([...causeChain(undefined)]).toEqual([]);
  });
});
