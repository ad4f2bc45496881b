import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { Actor } from "@/lib/audit/record";
import { createUser } from "@/lib/auth/accounts";
import type { Role } from "@/lib/auth/roles";
import { createIdentity } from "@/lib/identities/service";
import type { IdentityInput } from "@/lib/identities/schemas";
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

/** Who acts in a test: an organization and one of its members (what `makeOrgUser` returns). */
export interface OrgActor {
  organizationId: string;
  actor: Actor;
}

/** An identity added by the organization's member through the service (validated and audited). */
export const addIdentity = (db: Db, org: OrgActor, input: IdentityInput) =>
  createIdentity(db, org.organizationId, org.actor, input);

/** `count` identities added one after another, the i-th described by `person(i)`. */
export async function addPeople(db: Db, org: OrgActor, count: number, person: (i: number) => IdentityInput) {
  const people = [];
  for (let i = 0; i < count; i++) people.push(await addIdentity(db, org, person(i)));
  return people;
}

/** The organization's audit events of one action (all columns; in no particular order). */
export const auditEventsOf = (db: Db, organizationId: string, action: string) =>
  db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, organizationId), eq(auditEvents.action, action)));

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
