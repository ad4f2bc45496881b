import { AppError } from "@/lib/errors";
import { isStorableText } from "@/lib/validation/text";

/**
 * Keyset cursor: the sort key of the last row seen, opaque to clients. A cursor comes back from the
 * client, so it is checked completely here (a name PostgreSQL can store, a real UUID) and never
 * reaches SQL in a shape the database would refuse.
 */
export interface IdentityCursor {
  name: string;
  id: string;
}

export function encodeCursor(cursor: IdentityCursor): string {
  return Buffer.from(JSON.stringify([cursor.name, cursor.id])).toString("base64url");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(raw: string): IdentityCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === "string" &&
      value[0].length <= 200 &&
      isStorableText(value[0]) &&
      typeof value[1] === "string" &&
      UUID.test(value[1])
    ) {
      return { name: value[0], id: value[1] };
    }
  } catch {
    // fall through
  }
  throw new AppError("INVALID_CURSOR", "The page cursor is not valid; start from the first page.", 400);
}
