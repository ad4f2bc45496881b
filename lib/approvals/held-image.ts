import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Crypto-shredding for images held until a decision (PRODUCT rule 7: "do not store the image" means
 * no bytes of it remain anywhere once decided). Deleting a row does not erase its bytes: the table
 * file keeps the dead tuple until its space is reused, and the WAL keeps its copy. So the held image
 * is stored only encrypted, with a random key of its own kept in another (unlogged) table; the
 * decision deletes the key, and whatever ciphertext remains on disk is noise.
 *
 * Layout: "IMH1" | 12-byte IV | 16-byte GCM tag | ciphertext. Images held before this existed are
 * plain JPEG/WebP (no magic) and are read as they are.
 */
const MAGIC = Buffer.from("IMH1");
const IV_BYTES = 12;
const TAG_BYTES = 16;

export const newHeldImageKey = (): Buffer => randomBytes(32);

export function sealHeldImage(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), data]);
}

export const isSealedHeldImage = (stored: Buffer): boolean =>
  stored.length >= MAGIC.length + IV_BYTES + TAG_BYTES && stored.subarray(0, MAGIC.length).equals(MAGIC);

/**
 * The plain image, or null when it cannot be read any more: its key was destroyed (decided) or lost
 * (the database crashed while the request was pending: unlogged tables start empty after a crash).
 */
export function openHeldImage(key: Buffer | null, stored: Buffer | null): Buffer | null {
  if (!stored) return null;
  if (!isSealedHeldImage(stored)) return stored;
  if (!key) return null;
  const iv = stored.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
  const tag = stored.subarray(MAGIC.length + IV_BYTES, MAGIC.length + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(stored.subarray(MAGIC.length + IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    return null;
  }
}
