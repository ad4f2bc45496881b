import type { Db } from "@/db/client";
import { createUser } from "@/lib/auth/accounts";

/** A new organization and its owner, for one benchmark (nothing here is real: one password for all). */
export const benchOwner = (db: Db, email: string, organization: string) =>
  createUser(db, {
    email,
    password: "bench-password-1",
    organization: { create: organization },
    role: "owner",
  });
