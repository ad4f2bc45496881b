import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { memberships, organizations, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./password";
import type { Role } from "./roles";

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * A readable slug from an organization's name. Letters and digits of every script are kept
 * (NFKC, lower-cased), so "富士通" and "日本電気" do not both become "org"; the rest becomes "-".
 * Slugs are unique, and two names may give the same one ("Acme Inc." and "ACME, Inc"):
 * `createOrganization` then appends -2, -3…, and joining an organization always takes its exact slug.
 */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return [...slug].slice(0, 40).join("").replace(/-+$/, "") || "org";
}

export async function hasAnyUser(db: DbOrTx): Promise<boolean> {
  const rows = await db
    .select({ one: sql`1` })
    .from(users)
    .limit(1);
  return rows.length > 0;
}

export interface OrganizationRef {
  id: string;
  name: string;
  slug: string;
}

/**
 * Creates an organization with a new, unique slug: the name's slug, or with -2, -3… appended when
 * it is taken (never a silent match with an existing organization of a similar name). The
 * unique constraint settles a race between two creators of the same name.
 */
export async function createOrganization(tx: DbOrTx, name: string): Promise<OrganizationRef> {
  const base = slugify(name);
  const taken = await tx
    .select({ slug: organizations.slug })
    .from(organizations)
    .where(
      sql`${organizations.slug} = ${base} or ${organizations.slug} like ${`${base.replace(/[\\%_]/g, "\\$&")}-%`}`,
    );
  const used = new Set(taken.map((t) => t.slug));
  let slug = base;
  for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
  const [created] = await tx
    .insert(organizations)
    .values({ name: name.trim(), slug })
    .returning({ id: organizations.id, name: organizations.name, slug: organizations.slug });
  return created!;
}

export async function findOrganization(
  db: DbOrTx,
  ref: { id: string } | { slug: string },
): Promise<OrganizationRef | null> {
  const [row] = await db
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug })
    .from(organizations)
    .where("id" in ref ? eq(organizations.id, ref.id) : eq(organizations.slug, ref.slug));
  return row ?? null;
}

export interface NewUser {
  email: string;
  password: string;
  name?: string;
  /**
   * `{ create: name }` makes a new organization (with a new unique slug); `{ id }` or `{ slug }`
   * joins an existing one, named exactly. Never "find one by a similar name".
   */
  organization: { create: string } | { id: string } | { slug: string };
  role: Role;
}

const noSuchOrganization = () =>
  new AppError("ORGANIZATION_NOT_FOUND", "No organization has this slug.", 404);

/** Creates a user and its membership in a new or an exactly named existing organization. */
export async function createUser(
  db: Db,
  input: NewUser,
): Promise<{ userId: string; organizationId: string; organizationName: string; slug: string }> {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError("PASSWORD_TOO_SHORT", `Use at least ${MIN_PASSWORD_LENGTH} characters.`, 422, {
      password: [`Use at least ${MIN_PASSWORD_LENGTH} characters.`],
    });
  }
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const ref = input.organization;
      const org =
        "create" in ref ? await createOrganization(tx, ref.create) : await findOrganization(tx, ref);
      if (!org) throw noSuchOrganization();
      const [user] = await tx
        .insert(users)
        .values({ email: normalizeEmail(input.email), name: input.name?.trim() ?? "", passwordHash })
        .returning({ id: users.id });
      await tx.insert(memberships).values({ organizationId: org.id, userId: user!.id, role: input.role });
      await recordAudit(tx, {
        organizationId: org.id,
        actor: { type: "system" },
        action: "user.created",
        targetType: "user",
        targetId: user!.id,
        details: { role: input.role },
      });
      return { userId: user!.id, organizationId: org.id, organizationName: org.name, slug: org.slug };
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_unique")) {
      throw new AppError("EMAIL_TAKEN", "An account with this email already exists.", 409, {
        email: ["An account with this email already exists."],
      });
    }
    throw error;
  }
}

/**
 * First-run setup: creates the first organization and its owner, only while no user exists.
 * The check and the insert run under one advisory lock so two people can't both become owner.
 */
export async function setupFirstOwner(
  db: Db,
  input: Omit<NewUser, "role" | "organization"> & { organizationName: string },
) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727275)`);
    if (await hasAnyUser(tx))
      throw new AppError("ALREADY_SET_UP", "This installation is already set up.", 409);
    if (input.password.length < MIN_PASSWORD_LENGTH) {
      throw new AppError("PASSWORD_TOO_SHORT", `Use at least ${MIN_PASSWORD_LENGTH} characters.`, 422, {
        password: [`Use at least ${MIN_PASSWORD_LENGTH} characters.`],
      });
    }
    const org = await createOrganization(tx, input.organizationName);
    const [user] = await tx
      .insert(users)
      .values({
        email: normalizeEmail(input.email),
        name: input.name?.trim() ?? "",
        passwordHash: await hashPassword(input.password),
      })
      .returning({ id: users.id });
    await tx.insert(memberships).values({ organizationId: org.id, userId: user!.id, role: "owner" });
    await recordAudit(tx, {
      organizationId: org.id,
      actor: { type: "user", id: user!.id, label: normalizeEmail(input.email) },
      action: "organization.created",
      targetType: "organization",
      targetId: org.id,
    });
    return { userId: user!.id, organizationId: org.id };
  });
}

export interface LoginRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  sessionVersion: number;
  disabled: boolean;
  organizationId: string | null;
}

export async function findLoginRecord(db: DbOrTx, email: string): Promise<LoginRecord | null> {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      passwordHash: users.passwordHash,
      sessionVersion: users.sessionVersion,
      disabledAt: users.disabledAt,
      organizationId: memberships.organizationId,
    })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .where(eq(users.email, normalizeEmail(email)))
    .orderBy(memberships.createdAt)
    .limit(1);
  if (!row) return null;
  return { ...row, disabled: row.disabledAt !== null };
}

export interface SessionRecord {
  userId: string;
  email: string;
  name: string;
  organizationId: string;
  organizationName: string;
  organizationSlug: string;
  role: Role;
}

/** Loads what a session may do now: the user must be enabled, on the same session version, and a member. */
export async function loadSessionRecord(
  db: DbOrTx,
  userId: string,
  organizationId: string,
  sessionVersion: number,
): Promise<SessionRecord | null> {
  const [row] = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      organizationId: organizations.id,
      organizationName: organizations.name,
      organizationSlug: organizations.slug,
      role: memberships.role,
    })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(
      and(
        eq(users.id, userId),
        eq(memberships.organizationId, organizationId),
        eq(users.sessionVersion, sessionVersion),
        sql`${users.disabledAt} is null`,
      ),
    );
  return row ?? null;
}

/** Ends every session of the user (sign-out, password change, disabling). */
export async function bumpSessionVersion(db: DbOrTx, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

export async function setUserDisabled(db: DbOrTx, userId: string, disabled: boolean): Promise<void> {
  await db
    .update(users)
    .set({ disabledAt: disabled ? sql`now()` : null, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

export async function changePassword(db: DbOrTx, userId: string, newPassword: string): Promise<void> {
  if (newPassword.length < MIN_PASSWORD_LENGTH) {
    throw new AppError("PASSWORD_TOO_SHORT", `Use at least ${MIN_PASSWORD_LENGTH} characters.`, 422);
  }
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(newPassword), sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}
