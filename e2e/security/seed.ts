// Extra rows for the security suite, after e2e/seed.ts: the other organization's reviewer and admin,
// and one API key per organization (written to the file named on the command line).
import { writeFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { closeDb, getDb } from "@/db/client";
import { organizations } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/service";
import { createUser } from "@/lib/auth/accounts";
import { E2E } from "../env";
import { SEC, type SecuritySeed } from "./env";

const db = await getDb();
const orgId = async (name: string) =>
  (await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name)))[0]!.id;
const orgA = await orgId(E2E.orgA);
const orgB = await orgId(E2E.orgB);
await createUser(db, {
  email: SEC.users.reviewerB,
  password: E2E.password,
  organization: { id: orgB },
  role: "reviewer",
});
await createUser(db, {
  email: SEC.users.adminB,
  password: E2E.password,
  organization: { id: orgB },
  role: "admin",
});
const system = { type: "system" as const, label: "security seed" };
const seed: SecuritySeed = {
  orgA,
  orgB,
  apiKeyA: (await createApiKey(db, orgA, system, "security A")).key,
  apiKeyB: (await createApiKey(db, orgB, system, "security B")).key,
};
writeFileSync(process.argv[2]!, JSON.stringify(seed));
await closeDb();
console.log("security seed done");
