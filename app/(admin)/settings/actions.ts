"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/service";
import { sessionAction } from "@/lib/auth/action";

const actorOf = (ctx: { userId: string; email: string }) => ({ type: "user" as const, id: ctx.userId, label: ctx.email });

/** The raw key goes back to the owner once, in this response; only its hash is stored. */
export const createApiKeyAction = sessionAction(
  "owner",
  z.object({ name: z.string().trim().min(1, "Give the key a name.").max(100, "Use at most 100 characters.") }),
  async ({ name }, ctx, db) => {
    const created = await createApiKey(db, ctx.organizationId, actorOf(ctx), name);
    revalidatePath("/settings");
    return { message: `Created “${name}”.`, result: { key: created.key, prefix: created.prefix, name } };
  },
);

export const revokeApiKeyAction = sessionAction("owner", z.object({ id: z.uuid() }), async ({ id }, ctx, db) => {
  await revokeApiKey(db, ctx.organizationId, actorOf(ctx), id);
  revalidatePath("/settings");
  return { message: "Key revoked. Requests with it now get 401." };
});
