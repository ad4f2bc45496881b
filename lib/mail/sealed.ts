import "server-only";
import { hkdfSync } from "node:crypto";
import { env } from "@/lib/env";
import { openJson, sealJson, type Sealed } from "@/lib/sealed-json";

/**
 * A queued mail carries its link's URL, i.e. a usable token, until it is sent; the database must
 * never hold one in the clear. So the payload is sealed with AES-256-GCM under a key derived from
 * the server secret and the row's own id (the id is the AAD too, so a payload cannot be moved to
 * another row). A dump of the database alone reveals nothing. The idempotency store
 * (lib/api/idempotency.ts) seals replies the same way (lib/sealed-json.ts) with its own key.
 */
function key(organizationId: string): Buffer {
  return Buffer.from(hkdfSync("sha256", env().AUTH_SECRET, organizationId, "mail-outbox:v1", 32));
}

export function seal(organizationId: string, rowId: string, value: unknown): Sealed {
  return sealJson(key(organizationId), value, rowId);
}

export function unseal<T>(organizationId: string, rowId: string, sealed: unknown): T {
  return openJson<T>(key(organizationId), sealed, rowId);
}
