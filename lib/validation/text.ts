import { z } from "zod";

/**
 * PostgreSQL cannot store a NUL character in text (22021), and a string with an unpaired UTF-16
 * surrogate has no UTF-8 form: both used to reach the database and come back as a 500. Every string
 * a request brings in is checked with `isStorableText` first (the zod `text()` below, the cursors).
 */
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(value: string): boolean {
  return !NUL.test(value) && !LONE_SURROGATE.test(value);
}

export const UNSTORABLE_TEXT_MESSAGE =
  "Remove the NUL character or the broken (unpaired) character from this text.";

/** `z.string()` for anything that comes from a request: refuses what PostgreSQL cannot store. */
export const text = () =>
  z.string().refine(isStorableText, { message: UNSTORABLE_TEXT_MESSAGE, abort: true });
