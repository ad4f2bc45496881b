/**
 * A UUID as PostgreSQL's `uuid` type reads it, in the canonical 8-4-4-4-12 form. Ids come from URLs
 * and request bodies: anything else is "not found" before SQL sees it (a looser pattern let 36
 * dashes reach `::uuid` and come back as a 500).
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
