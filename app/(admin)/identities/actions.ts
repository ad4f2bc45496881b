"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorOf } from "@/lib/audit/record";
import { sessionAction } from "@/lib/auth/action";
import { identityInputSchema } from "@/lib/identities/schemas";
import { createIdentity, deleteIdentity, updateIdentity } from "@/lib/identities/service";
import QRCode from "qrcode";
import { getLocale, getTranslations } from "next-intl/server";
import { errorMessage } from "@/lib/i18n/action-messages";
import { MAX_EXPIRY_HOURS } from "@/lib/links/schemas";
import { issueUploadLink, revokeUploadLink } from "@/lib/links/service";
import { noFileChosen } from "@/lib/http/no-file-chosen";
import { isPortraitBusy } from "@/lib/portrait";
import { uploadPortraitDirect } from "@/lib/uploads/direct";

export const createIdentityAction = sessionAction("admin", identityInputSchema, async (input, ctx, db) => {
  const created = await createIdentity(db, ctx.organizationId, actorOf(ctx), input);
  revalidatePath("/identities");
  return { message: (await getTranslations("actions"))("added", { name: created.displayName }) };
});

export const updateIdentityAction = sessionAction(
  "admin",
  identityInputSchema.extend({ id: z.uuid() }),
  async ({ id, ...input }, ctx, db) => {
    const updated = await updateIdentity(db, ctx.organizationId, actorOf(ctx), id, input);
    revalidatePath("/identities");
    return { message: (await getTranslations("actions"))("saved", { name: updated.displayName }) };
  },
);

export const deleteIdentityAction = sessionAction(
  "admin",
  z.object({ id: z.uuid() }),
  async ({ id }, ctx, db) => {
    await deleteIdentity(db, ctx.organizationId, actorOf(ctx), id);
    revalidatePath("/identities");
    return { message: (await getTranslations("actions"))("deleted") };
  },
);

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const uploadPortraitAction = sessionAction(
  "admin",
  z.object({
    id: z.uuid(),
    image: z.instanceof(File, { message: "Choose a photo." }),
    doNotStore: checkbox,
    skipQualityCheck: checkbox,
  }),
  async ({ id, image, doNotStore, skipQualityCheck }, ctx, db) => {
    const t = await getTranslations("actions");
    // A chosen file of zero bytes is checked like any other: IMAGE_UNREADABLE, as at the other doors.
    if (noFileChosen(image))
      return { ok: false, message: t("choosePhoto"), errors: { image: [t("choosePhoto")] } };
    try {
      const result = await uploadPortraitDirect(
        db,
        ctx.organizationId,
        actorOf(ctx),
        id,
        new Uint8Array(await image.arrayBuffer()),
        {
          storeImage: !doNotStore,
          qualityCheck: !skipQualityCheck,
        },
      );
      revalidatePath("/identities");
      const primary = result.report.primary;
      const note = (await getLocale()) === "ja" ? primary?.messageJa : primary?.message;
      return {
        message: result.searchable
          ? primary?.severity === "warn" && note
            ? t("portraitUpdatedNote", { note })
            : t("portraitUpdated")
          : t("portraitNoFace"),
      };
    } catch (error) {
      if (isPortraitBusy(error)) return { ok: false, message: await errorMessage("BUSY") };
      throw error;
    }
  },
);

export const issueLinkAction = sessionAction(
  "admin",
  z.object({
    id: z.uuid(),
    doNotStore: checkbox,
    skipQualityCheck: checkbox,
    requireApproval: checkbox,
    expiresInHours: z.coerce.number().int().min(1).max(MAX_EXPIRY_HOURS),
  }),
  async ({ id, doNotStore, skipQualityCheck, requireApproval, expiresInHours }, ctx, db) => {
    const link = await issueUploadLink(
      db,
      ctx.organizationId,
      actorOf(ctx),
      id,
      { storeImage: !doNotStore, qualityCheck: !skipQualityCheck, requireApproval },
      expiresInHours,
    );
    revalidatePath("/identities");
    const qrSvg = await QRCode.toString(link.url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    return { result: { url: link.url, expiresAt: link.expiresAt.toISOString(), qrSvg } };
  },
);

export const revokeLinkAction = sessionAction(
  "admin",
  z.object({ id: z.uuid() }),
  async ({ id }, ctx, db) => {
    const revoked = await revokeUploadLink(db, ctx.organizationId, actorOf(ctx), id);
    revalidatePath("/identities");
    return { message: (await getTranslations("actions"))(revoked ? "linkRevoked" : "noActiveLink") };
  },
);
