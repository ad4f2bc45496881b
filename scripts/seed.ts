// `npm run seed -- --identities 100000 [--org Demo]`: fills a demo organization with identities.
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { closeDb, getDb } from "@/db/client";
import { organizations } from "@/db/schema";
import { createUser, slugify } from "@/lib/auth/accounts";
import { seedIdentities } from "./demo-data";

const { values } = parseArgs({
  options: {
    identities: { type: "string", default: "1000" },
    org: { type: "string", default: "Demo" },
    email: { type: "string", default: "demo@example.com" },
    password: { type: "string", default: "demo-password-123" },
  },
});

async function main() {
  const count = Number(values.identities);
  if (!Number.isInteger(count) || count < 1 || count > 5_000_000)
    throw new Error("--identities must be 1..5000000");
  const db = await getDb();
  const slug = slugify(values.org!);
  let [org] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.slug, slug));
  if (!org) {
    const created = await createUser(db, {
      email: values.email!,
      password: values.password!,
      organization: { create: values.org! },
      role: "owner",
    });
    org = { id: created.organizationId };
    console.log(`created organization "${values.org}" with owner ${values.email} / ${values.password}`);
  }
  const started = performance.now();
  await seedIdentities(db, org.id, count, (done) => process.stdout.write(`\r${done} / ${count}`));
  console.log(
    `\nseeded ${count} identities into "${values.org}" in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

main()
  .then(() => closeDb())
  .catch(async (error) => {
    console.error(error);
    await closeDb().catch(() => {});
    process.exit(1);
  });
