import { createHash, randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { frontalJpeg } from "@/test/photos";
import { seed, sql } from "./http";

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * An identity of org A ("<label> <prefix>-<random>") and an unused upload link for it, made in the
 * database, with the link's raw token.
 */
export async function arrangeLink(
  prefix: string,
  label: string,
  conditions = { storeImage: true, qualityCheck: true, requireApproval: false },
) {
  const externalId = `${prefix}-${randomBytes(5).toString("hex")}`;
  const [identity] = await sql<
    { id: string }[]
  >`insert into identities (organization_id, external_id, display_name)
    values (${seed().orgA}, ${externalId}, ${`${label} ${externalId}`}) returning id`;
  const token = `upl_${randomBytes(32).toString("base64url")}`;
  await sql`insert into upload_links (organization_id, identity_id, token_hash, store_image, quality_check, require_approval, expires_at)
    values (${seed().orgA}, ${identity!.id}, ${tokenHash(token)},
            ${conditions.storeImage}, ${conditions.qualityCheck}, ${conditions.requireApproval}, now() + interval '1 day')`;
  return { identityId: identity!.id, token, externalId };
}

export const portraitsOf = async (identityId: string) =>
  (await sql<{ n: number }[]>`select count(*)::int as n from portraits where identity_id = ${identityId}`)[0]!
    .n;

export const linkUsed = async (token: string) =>
  (
    await sql<
      { used: boolean }[]
    >`select used_at is not null as used from upload_links where token_hash = ${tokenHash(token)}`
  )[0]!.used;

/** Opens the link's upload page and chooses the frontal photo (not sent yet). */
export async function openWithPhoto(page: Page, token: string) {
  await page.goto(`/upload/${token}`);
  await page
    .getByTestId("choose-photo-input")
    .setInputFiles({ name: "me.jpg", mimeType: "image/jpeg", buffer: await frontalJpeg() });
}
