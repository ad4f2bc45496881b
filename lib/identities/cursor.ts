import { AppError } from "@/lib/errors";

/** Keyset cursor: the sort key of the last row seen, opaque to clients. */
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
      typeof value[0] === "string" &&
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
