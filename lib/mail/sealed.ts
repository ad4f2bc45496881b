import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/**
 * A queued mail carries its link's URL, i.e. a usable token, until it is sent; the database must
 * never hold one in the clear. So the payload is sealed with AES-256-GCM under a key derived from
 * the server secret and the row's own id (the id is the AAD too, so a payload cannot be moved to
 * another row). A dump of the database alone reveals nothing. Small on purpose: the idempotency
 * store (lib/api/idempotency.ts) seals replies the same way with its own key.
 */
function key(organizationId: string): Buffer {
  return Buffer.from(hkdfSync("sha256", env().AUTH_SECRET, organizationId, "mail-outbox:v1", 32));
}

export interface Sealed {
  v: 1;
  iv: string;
  tag: string;
  data: string;
}

export function seal(organizationId: string, rowId: string, value: unknown): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(organizationId), iv);
  cipher.setAAD(Buffer.from(rowId));
  const data = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return {
    v: 1,
    iv: iv.toString("base64url"),
    tag: cipher.getAuthTag().toString("base64url"),
    data: data.toString("base64url"),
  };
}

export function unseal<T>(organizationId: string, rowId: string, sealed: unknown): T {
  const { iv, tag, data } = sealed as Sealed;
  const decipher = createDecipheriv("aes-256-gcm", key(organizationId), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(rowId));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return JSON.parse(
    Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8"),
  ) as T;
}
