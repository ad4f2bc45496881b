// Operator CLI: `npm run admin -- <command> [--flag value]`.
import { parseArgs } from "node:util";
import { closeDb, getDb } from "@/db/client";
import { createUser } from "@/lib/auth/accounts";
import type { Role } from "@/lib/auth/roles";
import { createApiKey, findOrganizationBySlug } from "@/lib/api-keys/service";
import { findInconsistencies } from "@/lib/consistency/check";
import { isAppError } from "@/lib/errors";
import { shutdownPortraitWorkers } from "@/lib/portrait";
import { reindexTemplates } from "@/lib/portraits/reindex";

const USAGE = `usage:
  npm run admin -- migrate
  npm run admin -- create-user --email E --password P (--org NAME | --org-slug SLUG) [--role owner|admin|reviewer] [--name N]
      --org NAME creates a new organization (its slug is printed); --org-slug SLUG joins an existing one
  npm run admin -- create-api-key --org SLUG --name NAME
  npm run admin -- reindex-templates
  npm run admin -- check-consistency   (exit 1 when a half-written row is found, e.g. after a crash)`;

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      password: { type: "string" },
      org: { type: "string" },
      "org-slug": { type: "string" },
      role: { type: "string", default: "owner" },
      name: { type: "string" },
    },
    strict: true,
  });
  switch (command) {
    case "migrate":
      await getDb();
      console.log("migrations applied");
      return 0;
    case "create-user": {
      const orgSlug = values["org-slug"];
      // Exactly one of the two: a new organization by name, or an existing one by its exact slug.
      if (!values.email || !values.password || Boolean(values.org) === Boolean(orgSlug)) break;
      if (!["owner", "admin", "reviewer"].includes(values.role!)) break;
      const created = await createUser(await getDb(), {
        email: values.email,
        password: values.password,
        organization: orgSlug ? { slug: orgSlug } : { create: values.org! },
        role: values.role as Role,
        name: values.name,
      });
      // The organization actually used, as the database has it.
      console.log(
        `created user ${values.email} (${values.role}) in ${orgSlug ? "existing" : "new"} organization ` +
          `"${created.organizationName}" (slug: ${created.slug})`,
      );
      return 0;
    }
    case "create-api-key": {
      if (!values.org || !values.name) break;
      const db = await getDb();
      const org = await findOrganizationBySlug(db, values.org);
      if (!org) {
        console.error(`no organization with slug "${values.org}"`);
        return 1;
      }
      const { key } = await createApiKey(db, org.id, { type: "system", label: "admin CLI" }, values.name);
      console.error(`API key "${values.name}" for ${org.name} — shown once, store it now:`);
      console.log(key);
      return 0;
    }
    case "check-consistency": {
      // States only a half-finished write could leave (lib/consistency/check.ts): row ids only.
      const found = await findInconsistencies(await getDb());
      for (const f of found) console.log(`${f.check}: ${f.ids.join(", ")}`);
      if (found.length === 0) console.log("no half-written rows");
      return found.length === 0 ? 0 : 1;
    }
    case "reindex-templates": {
      // Templates of another model are never compared with today's (lib/portrait/model.ts):
      // recompute them from the stored images, and list who needs a new photo.
      const summary = await reindexTemplates(await getDb(), (n) =>
        console.error(`… ${n} portraits looked at`),
      );
      await shutdownPortraitWorkers();
      console.log(
        `template model ${summary.model}: ${summary.recomputed} templates recomputed from stored images, ` +
          `${summary.noFace} stored images without a face for this model, ${summary.templateOnly} template-only portraits kept as they were`,
      );
      if (summary.needsPhoto.length === 0) console.log("every current portrait with a face is searchable");
      else {
        console.log(
          `${summary.needsPhoto.length} identities need a new photo (organization, external id, name, reason):`,
        );
        for (const n of summary.needsPhoto)
          console.log(`${n.organizationSlug}\t${n.externalId}\t${n.displayName}\t${n.reason}`);
      }
      return 0;
    }
  }
  console.error(USAGE);
  return 2;
}

main()
  .then(async (code) => {
    await closeDb();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(isAppError(error) ? `error: ${error.message}` : error);
    await closeDb().catch(() => {});
    process.exit(1);
  });
