import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { createUser } from "@/lib/auth/accounts";
import type { Role } from "@/lib/auth/roles";
import type { QualityReport } from "@/lib/portrait/report";

/** A new organization with one member of the given role; every test makes its own. */
export async function makeOrgUser(db: Db, role: Role = "owner", orgName?: string) {
  const suffix = randomBytes(4).toString("hex");
  const email = `${role}-${suffix}@example.test`;
  const password = `pw-${suffix}-long-enough`;
  const created = await createUser(db, {
    email,
    password,
    organization: { create: orgName ?? `Org ${suffix}` },
    role,
  });
  return { ...created, email, password, actor: { type: "user" as const, id: created.userId, label: email } };
}

/** A stored quality report for rows a test or benchmark writes directly (no photo was checked). */
export function uncheckedReport(overrides: Partial<QualityReport> = {}): QualityReport {
  return {
    accepted: true,
    primary: null,
    issues: [],
    metrics: {},
    timingsMs: {},
    qualityChecked: false,
    ...overrides,
  };
}
