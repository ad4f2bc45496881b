import { decodeCursor as decodeKeyset, encodeCursor as encodeKeyset } from "@/lib/validation/cursor";
import { isStorableText } from "@/lib/validation/text";

/** Where the identity list continues: the lower-cased name and id of the last row seen. */
export interface IdentityCursor {
  name: string;
  id: string;
}

export function encodeCursor(cursor: IdentityCursor): string {
  return encodeKeyset(cursor.name, cursor.id);
}

/** A name PostgreSQL can store and a real UUID, or INVALID_CURSOR. */
export function decodeCursor(raw: string): IdentityCursor {
  const [name, id] = decodeKeyset(raw, (key) => key.length <= 200 && isStorableText(key));
  return { name, id };
}
