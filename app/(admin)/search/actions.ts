"use server";

import { z } from "zod";
import { sessionAction } from "@/lib/auth/action";
import { noFileChosen } from "@/lib/http/no-file-chosen";
import { isPortraitBusy } from "@/lib/portrait";
import { searchByFace, type FaceMatch } from "@/lib/search/service";
import { hasErrorCode } from "@/lib/errors";
import { errorMessage } from "@/lib/i18n/action-messages";
import { getTranslations } from "next-intl/server";

/** Admins and owners: PRODUCT.md gives reviewers approvals only (the viewer's duplicates are part of those). */
export const searchByFaceAction = sessionAction(
  "admin",
  z.object({
    image: z.instanceof(File, { message: "Choose a photo." }),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  }),
  async ({ image, limit }, ctx, db) => {
    // A chosen file of zero bytes is checked (IMAGE_UNREADABLE), as everywhere else.
    if (noFileChosen(image)) {
      const text = (await getTranslations("actions"))("choosePhoto");
      return { ok: false, message: text, errors: { image: [text] } };
    }
    try {
      const { matches } = await searchByFace(
        db,
        ctx.organizationId,
        new Uint8Array(await image.arrayBuffer()),
        { limit },
      );
      return { result: { matches, noFace: false } };
    } catch (error) {
      // No face (a cat, a landscape): say so, and rank nobody.
      if (hasErrorCode(error, "FACE_NOT_FOUND"))
        return {
          ok: false,
          message: await errorMessage(error.code, error.message),
          result: { matches: [] as FaceMatch[], noFace: true },
        };
      if (isPortraitBusy(error)) return { ok: false, message: await errorMessage("BUSY") };
      throw error;
    }
  },
);
