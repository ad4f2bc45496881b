import { AppError } from "@/lib/errors";
import { isUuid } from "./uuid";

/**
 * Keyset cursor: the sort key and id of the last row seen, opaque to clients. A cursor comes back
 * from the client, so it is checked completely here (the key by the caller's rule, the id a real
 * UUID) and never reaches SQL in a shape the database would refuse.
 */
export function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString("base64url");
}

/** `[key, id]` from a cursor `encodeCursor` wrote, or INVALID_CURSOR (400). */
export function decodeCursor(raw: string, isValidKey: (key: string) => boolean): [string, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      typeof v[0] === "string" &&
      isValidKey(v[0]) &&
      typeof v[1] === "string" &&
      isUuid(v[1])
    )
      return [v[0], v[1]];
  } catch {
    // fall through
  }
  throw new AppError("INVALID_CURSOR", "The page cursor is not valid; start from the first page.", 400);
}
