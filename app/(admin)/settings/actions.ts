"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { text } from "@/lib/validation/text";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/service";
import { actorOf } from "@/lib/audit/record";
import { sessionAction } from "@/lib/auth/action";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { addMember, changeMemberRole, setMemberDisabled } from "@/lib/members/service";
import { setQualityOverrides } from "@/lib/organizations/quality-settings";
import { qualityThresholdsSchema } from "@/lib/portrait";

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
/**
 * The thresholds form: an empty field means the default (left out); the others are numbers within
 * the schema's ranges, each refused with its bound ("Enter 1 or less.") in the console's language.
 */
const thresholdsForm = z.preprocess(
  (form) =>
    Object.fromEntries(
      Object.entries(form as Record<string, unknown>)
        .filter(([, value]) => typeof value !== "string" || value.trim() !== "")
        .map(([key, value]) => [key, typeof value === "string" ? Number(value) : value]),
    ),
  qualityThresholdsSchema,
);

export const saveQualityThresholdsAction = sessionAction(
  "owner",
  thresholdsForm,
  async (overrides, ctx, db) => {
    await setQualityOverrides(db, ctx.organizationId, actorOf(ctx), overrides);
    revalidatePath("/settings");
    return {
      message: (await getTranslations("actions"))(
        Object.keys(overrides).length ? "thresholdsSaved" : "thresholdsDefault",
      ),
    };
  },
);
