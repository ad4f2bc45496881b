import "server-only";
import { and, eq, type SQL } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/pg-core";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";
import type { DbOrTx } from "@/db/client";
import { identities, portraits } from "@/db/schema";

/**
 * Selects `fields` of the organization's identities joined to their current portrait, narrowed by
 * `conditions`: identities without a current portrait are left out. What search reads.
 */
export async function selectCurrentPortraits<T extends SelectedFields>(
  db: DbOrTx,
  organizationId: string,
  fields: T,
  ...conditions: (SQL | undefined)[]
): Promise<SelectResultFields<T>[]> {
  const rows = await db
    .select(fields as SelectedFields)
    .from(identities)
    .innerJoin(portraits, eq(portraits.id, identities.currentPortraitId))
    .where(and(eq(identities.organizationId, organizationId), ...conditions));
  // An inner join: every selected field is as the column declares it (Drizzle cannot infer it for a generic `T`).
  return rows as SelectResultFields<T>[];
}
