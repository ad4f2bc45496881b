import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/**
 * Tables and columns (text, jsonb, bytea) of the public schema whose value contains `needle`:
 * a database-wide "is this secret or these bytes stored anywhere?" that needs no list of columns,
 * so a new column cannot escape it.
 */
/** Rows of a raw query on either driver (postgres.js returns an array, PGlite `{ rows }`). */
export async function queryRows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

export async function findInDatabase(db: Db, needle: Buffer | string): Promise<string[]> {
  const bytes = typeof needle === "string" ? Buffer.from(needle, "utf8") : needle;
  const columns = await queryRows<{ table: string; column: string; type: string }>(
    db,
    sql`
    select table_name as "table", column_name as "column", data_type as "type"
    from information_schema.columns
    where table_schema = 'public' and data_type in ('text', 'jsonb', 'bytea', 'character varying', 'json')`,
  );
  const hits: string[] = [];
  for (const { table, column, type } of columns) {
    const value =
      type === "bytea" ? sql.raw(`"${column}"`) : sql.raw(`convert_to("${column}"::text, 'UTF8')`);
    const rows = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.raw(`"${table}"`)} where position(${bytes}::bytea in ${value}) > 0`,
    );
    if (rows[0]!.n > 0) hits.push(`${table}.${column}`);
  }
  return hits;
}
