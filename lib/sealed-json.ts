import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * A JSON value sealed with AES-256-GCM, each part in base64url: what the database keeps instead of
 * a secret (a mail's link, an idempotent reply). Each caller derives its own key from the server
 * secret (lib/mail/sealed.ts, lib/api/idempotency.ts).
 */
export interface Sealed {
  v: 1;
  iv: string;
  tag: string;
  data: string;
}

/** Seals `value` under a 32-byte `key`; with `aad` (a row's id) it opens only with the same text. */
export function sealJson(key: Buffer, value: unknown, aad?: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  if (aad !== undefined) cipher.setAAD(Buffer.from(aad));
  const data = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return {
    v: 1,
    iv: iv.toString("base64url"),
    tag: cipher.getAuthTag().toString("base64url"),
    data: data.toString("base64url"),
  };
}

/** The value `sealJson` sealed; throws when the key, the `aad` or the bytes are not the sealing ones. */
export function openJson<T>(key: Buffer, sealed: unknown, aad?: string): T {
  const { iv, tag, data } = sealed as Sealed;
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  if (aad !== undefined) decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return JSON.parse(
    Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8"),
  ) as T;
}
