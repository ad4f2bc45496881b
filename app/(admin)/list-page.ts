import { hasErrorCode } from "@/lib/errors";

/** A console page's query parameters, as Next.js hands them over: each one once, repeated, or absent. */
export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * One query parameter: the first value when it is repeated, none when it is absent or empty. What
 * it holds is checked where it is used (a cursor by its decoder, which refuses any it did not write).
 */
export function param(params: Awaited<SearchParams>, name: string): string | undefined {
  const value = params[name];
  return (Array.isArray(value) ? value[0] : value) || undefined;
}

/**
 * A paged list at `cursor`, or its first page when the cursor is not one the list handed out (an old
 * bookmark, an edited URL): the page still shows something instead of an error.
 */
export async function pageOrFirst<T>(
  cursor: string | undefined,
  list: (cursor: string | undefined) => Promise<T>,
): Promise<T> {
  try {
    return await list(cursor);
  } catch (error) {
    if (!hasErrorCode(error, "INVALID_CURSOR")) throw error;
    return list(undefined);
  }
}
