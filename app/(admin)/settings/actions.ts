"use server";

import { getTranslations } from "next-intl/server";
import { errorMessage } from "@/lib/i18n/action-messages";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { text } from "@/lib/validation/text";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/service";
import { actorOf } from "@/lib/audit/record";
import { sessionAction } from "@/lib/auth/action";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { addMember, changeMemberRole, setMemberDisabled } from "@/lib/members/service";
import { setQualityOverrides } from "@/lib/organizations/quality-settings";

/** The raw key goes back to the owner once, in this response; only its hash is stored. */
export const createApiKeyAction = sessionAction(
  "owner",
  z.object({
    name: text().trim().min(1, "Give the key a name.").max(100, "Use at most 100 characters."),
  }),
  async ({ name }, ctx, db) => {
    const created = await createApiKey(db, ctx.organizationId, actorOf(ctx), name);
    revalidatePath("/settings");
    return {
      message: (await getTranslations("actions"))("keyCreated", { name }),
      result: { key: created.key, prefix: created.prefix, name },
    };
  },
);

export const revokeApiKeyAction = sessionAction(
  "owner",
  z.object({ id: z.uuid() }),
  async ({ id }, ctx, db) => {
    await revokeApiKey(db, ctx.organizationId, actorOf(ctx), id);
    revalidatePath("/settings");
    return { message: (await getTranslations("actions"))("keyRevoked") };
  },
);

const roleSchema = z.enum(["owner", "admin", "reviewer"]);

export const addMemberAction = sessionAction(
  "owner",
  z.object({
    email: z.email("Enter a valid email address.").max(320),
    name: text().trim().max(100).optional(),
    role: roleSchema,
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
      .max(1024),
  }),
  async (input, ctx, db) => {
    await addMember(db, ctx.organizationId, actorOf(ctx), input);
    revalidatePath("/settings");
    return {
      message: (await getTranslations("actions"))("memberAdded", {
        email: input.email,
        role: (await getTranslations("nav.roles"))(input.role),
      }),
    };
  },
);

export const changeMemberRoleAction = sessionAction(
  "owner",
  z.object({ userId: z.uuid(), role: roleSchema }),
  async ({ userId, role }, ctx, db) => {
    await changeMemberRole(db, ctx.organizationId, actorOf(ctx), userId, role);
    revalidatePath("/settings");
    return { message: (await getTranslations("actions"))("roleChanged") };
  },
);

export const setMemberDisabledAction = sessionAction(
  "owner",
  z.object({ userId: z.uuid(), disabled: z.enum(["true", "false"]).transform((v) => v === "true") }),
  async ({ userId, disabled }, ctx, db) => {
    await setMemberDisabled(db, ctx.organizationId, actorOf(ctx), userId, disabled);
    revalidatePath("/settings");
    return { message: (await getTranslations("actions"))(disabled ? "memberDisabled" : "memberEnabled") };
  },
);

/** Empty fields mean "use the default". */
export const saveQualityThresholdsAction = sessionAction(
  "owner",
  z.record(z.string(), z.unknown()),
  async (form, ctx, db) => {
    const overrides: Record<string, number> = {};
    for (const [key, value] of Object.entries(form)) {
      if (typeof value !== "string" || value.trim() === "") continue;
      const n = Number(value);
      if (!Number.isFinite(n))
        return {
          ok: false,
          message: await errorMessage("VALIDATION"),
          errors: { [key]: [(await getTranslations("actions"))("enterNumber")] },
        };
      overrides[key] = n;
    }
    await setQualityOverrides(db, ctx.organizationId, actorOf(ctx), overrides);
    revalidatePath("/settings");
    return {
      message: (await getTranslations("actions"))(
        Object.keys(overrides).length ? "thresholdsSaved" : "thresholdsDefault",
      ),
    };
  },
);
