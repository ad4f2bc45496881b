import { and, gt, isNull, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { uploadLinks } from "@/db/schema";

/** The link columns the state of a link is read from: `uploadLinks` itself or an alias of it. */
interface LinkColumns {
  usedAt: AnyColumn;
  revokedAt: AnyColumn;
  expiresAt: AnyColumn;
}

/** For raw SQL that names the table itself `upload_links l`: its columns (and the conditions below) render as `"l"."used_at"`. */
export const linkAlias = alias(uploadLinks, "l");

/**
 * Open: never used and never revoked, expired or not. Issuing a new link revokes the open ones,
 * so a person has at most one.
 */
export function isOpenLink(link: LinkColumns = uploadLinks): SQL {
  return and(isNull(link.usedAt), isNull(link.revokedAt))!;
}

/** Active: open and not expired, so it can still take an upload. */
export function isActiveLink(link: LinkColumns = uploadLinks): SQL {
  return and(isOpenLink(link), gt(link.expiresAt, sql`now()`))!;
}
