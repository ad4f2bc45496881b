// Seeds the e2e server's database before it starts (run by scripts/e2e-server.sh).
import { mkdirSync, writeFileSync } from "node:fs";
import { closeDb, getDb } from "@/db/client";
import { createApiKey } from "@/lib/api-keys/service";
import { createUser } from "@/lib/auth/accounts";
import { createIdentity } from "@/lib/identities/service";
import { E2E } from "./env";

const db = await getDb();
const a = await createUser(db, {
  email: E2E.users.ownerA,
  password: E2E.password,
  organization: { create: E2E.orgA },
  role: "owner",
});
/** Another user of organization A, with the shared e2e password. */
const memberOfA = (email: string, role: "admin" | "reviewer" | "owner") =>
  createUser(db, { email, password: E2E.password, organization: { id: a.organizationId }, role });
await memberOfA(E2E.users.adminA, "admin");
await memberOfA(E2E.users.reviewerA, "reviewer");
await memberOfA(E2E.users.passwordA, "reviewer");
await memberOfA(E2E.users.signOutA, "admin");
const b = await createUser(db, {
  email: E2E.users.ownerB,
  password: E2E.password,
  organization: { create: E2E.orgB },
  role: "owner",
});
const system = { type: "system" as const, label: "e2e seed" };
await createIdentity(db, a.organizationId, system, {
  externalId: "A-SECRET-1",
  displayName: "Alice OnlyInA",
});
await createIdentity(db, b.organizationId, system, { externalId: "B-SECRET-1", displayName: "Bob OnlyInB" });
// API keys for the contract specs: only their hashes are in the database, so the raw keys reach
// the specs through this file (git-ignored, next to the server's data).
const keyA = await createApiKey(db, a.organizationId, system, "e2e contract A");
const keyB = await createApiKey(db, b.organizationId, system, "e2e contract B");
mkdirSync(E2E.resultsDir, { recursive: true });
writeFileSync(E2E.keysFile, JSON.stringify({ a: keyA.key, b: keyB.key }), { mode: 0o600 });
await closeDb();
console.log("e2e seed done");
