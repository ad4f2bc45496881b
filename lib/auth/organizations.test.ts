import { describe, expect, it } from "vitest";
import { databaseForFile } from "@/test/database-for-file";
import { createUser, slugify } from "./accounts";

/** Issue 11, item 6: organization slugs are unique and an organization is never joined by a look-alike name. */

const handle = databaseForFile();

const user = (organization: Parameters<typeof createUser>[1]["organization"]) =>
  createUser(handle.db, {
    email: `u-${Math.random().toString(36).slice(2)}@example.test`,
    password: "long-enough-password",
    organization,
    role: "owner",
  });

describe("organization slugs", () => {
  it("keeps letters of every script, so Japanese names do not all become 'org'", () => {
    expect(slugify("富士通")).toBe("富士通");
    expect(slugify("日本電気")).toBe("日本電気");
    expect(slugify("Acme Inc.")).toBe("acme-inc");
    expect(slugify("ＡＣＭＥ, Inc")).toBe("acme-inc");
    expect(slugify("!!!")).toBe("org");
  });

  it("creating gives a new organization with a new slug, even when the name slugs like another's", async () => {
    const nec = await user({ create: "日本電気" });
    const fujitsu = await user({ create: "富士通" });
    expect(fujitsu.organizationId).not.toBe(nec.organizationId);
    const acme = await user({ create: "Acme Inc." });
    const acme2 = await user({ create: "ACME, Inc" });
    const acme3 = await user({ create: "acme inc" });
    expect(new Set([acme.organizationId, acme2.organizationId, acme3.organizationId]).size).toBe(3);
    expect([acme.slug, acme2.slug, acme3.slug]).toEqual(["acme-inc", "acme-inc-2", "acme-inc-3"]);
    expect(acme2.organizationName).toBe("ACME, Inc");
  });

  it("joining takes the exact slug, and an unknown slug is an error, not a new organization", async () => {
    const owner = await user({ create: "Join Me" });
    const member = await user({ slug: owner.slug });
    expect(member.organizationId).toBe(owner.organizationId);
    expect(member.organizationName).toBe("Join Me");
    await expect(user({ slug: "no-such-organization" })).rejects.toMatchObject({
      code: "ORGANIZATION_NOT_FOUND",
    });
  });
});
