"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { sessionAction } from "@/lib/auth/action";
import { identityInputSchema } from "@/lib/identities/schemas";
import { createIdentity, deleteIdentity, updateIdentity } from "@/lib/identities/service";

const actorOf = (ctx: { userId: string; email: string }) => ({ type: "user" as const, id: ctx.userId, label: ctx.email });

export const createIdentityAction = sessionAction("admin", identityInputSchema, async (input, ctx, db) => {
  const created = await createIdentity(db, ctx.organizationId, actorOf(ctx), input);
  revalidatePath("/identities");
  return { message: `Added ${created.displayName}.` };
});

export const updateIdentityAction = sessionAction(
  "admin",
  identityInputSchema.extend({ id: z.uuid() }),
  async ({ id, ...input }, ctx, db) => {
    const updated = await updateIdentity(db, ctx.organizationId, actorOf(ctx), id, input);
    revalidatePath("/identities");
    return { message: `Saved ${updated.displayName}.` };
  },
);

export const deleteIdentityAction = sessionAction("admin", z.object({ id: z.uuid() }), async ({ id }, ctx, db) => {
  await deleteIdentity(db, ctx.organizationId, actorOf(ctx), id);
  revalidatePath("/identities");
  return { message: "Identity and all its biometric data deleted." };
});
