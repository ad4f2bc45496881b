import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "upl_";
/** `upl_` + 43 base64url characters = 256 bits from the CSPRNG. */
export const TOKEN_SHAPE = /^upl_[A-Za-z0-9_-]{43}$/;

export function newUploadToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** Only this hash is stored; the token itself exists only in the link that was handed out. */
export function hashUploadToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function uploadUrl(appUrl: string, token: string): string {
  return new URL(`/upload/${token}`, appUrl).toString();
}
