import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db/client";
import { memberships, organizations, users } from "@/db/schema";
import { createUser, setUserDisabled } from "@/lib/auth/accounts";
import type { Role } from "@/lib/auth/roles";
import { recordAudit, type Actor } from "@/lib/audit/record";
import { AppError, hasErrorCode, notFound } from "@/lib/errors";
import { hitRateLimit } from "@/lib/rate-limit";

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  joinedAt: Date;
}

export async function listMembers(db: DbOrTx, organizationId: string): Promise<Member[]> {
  const rows = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      disabledAt: users.disabledAt,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, organizationId))
    .orderBy(asc(users.email));
  return rows.map(({ disabledAt, ...r }) => ({ ...r, disabled: disabledAt !== null }));
}

/** Add-member attempts per organization per hour: each refused one is a guess at someone's email. */
export const ADD_MEMBER_LIMIT = { perHour: 20 };

/**
 * Accounts are unique by email across the installation, so an email in use (by a member here or
 * in any other organization) cannot get a new account. The answer never says where it is used: one
 * code and message for both, and attempts are limited and audited, so an owner cannot cheaply map
 * which addresses have accounts elsewhere.
 */
const emailUnavailable = () =>
  new AppError("EMAIL_UNAVAILABLE", "This email address can’t be used for a new member.", 409, {
    email: ["This email address can’t be used for a new member. Use another address."],
  });

/** Adds a person to the organization with an initial password the owner hands over. */
export async function addMember(
  db: Db,
  organizationId: string,
  actor: Actor,
  input: { email: string; name?: string; role: Role; password: string },
) {
  const [org] = await db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!org) throw notFound("Organization not found.");
  const hit = await hitRateLimit(db, `members:add:${organizationId}`, ADD_MEMBER_LIMIT.perHour, 3600);
  if (!hit.allowed) {
    throw new AppError(
      "TOO_MANY_ATTEMPTS",
      "Too many members added in the last hour. Try again later.",
      429,
      undefined,
      { retryAfterSeconds: hit.retryAfterSeconds },
    );
  }
  let created;
  try {
    created = await createUser(db, { ...input, organization: { id: organizationId } });
  } catch (error) {
    if (!hasErrorCode(error, "EMAIL_TAKEN")) throw error;
    await recordAudit(db, {
      organizationId,
      actor,
      action: "member.add_refused",
      targetType: "user",
      details: { reason: "email unavailable" },
    });
    throw emailUnavailable();
  }
  await recordAudit(db, {
    organizationId,
    actor,
    action: "member.added",
    targetType: "user",
    targetId: created.userId,
    details: { email: input.email.toLowerCase(), role: input.role },
  });
  return created.userId;
}

async function requireMember(tx: DbOrTx, organizationId: string, userId: string) {
  const [row] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)))
    .for("update");
  if (!row) throw notFound("Member not found.");
  return row;
}

/** The organization must always keep an enabled owner. */
async function assertAnotherOwner(tx: DbOrTx, organizationId: string, userId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        eq(memberships.role, "owner"),
        sql`${users.disabledAt} is null`,
        sql`${users.id} <> ${userId}`,
      ),
    );
  if (Number(row?.n ?? 0) === 0)
    throw new AppError(
      "LAST_OWNER",
      "An organization needs at least one active owner. Make someone else owner first.",
      409,
    );
}

/**
 * Runs `change` on a member in one transaction that holds the organization's owners lock and the
 * member's row, so that two changes at once can never leave the organization without an owner.
 */
async function withMemberLocked(
  db: Db,
  organizationId: string,
  userId: string,
  change: (tx: Tx, member: { role: Role }) => Promise<void>,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`owners:${organizationId}`}))`);
    await change(tx, await requireMember(tx, organizationId, userId));
  });
}

export async function changeMemberRole(
  db: Db,
  organizationId: string,
  actor: Actor,
  userId: string,
  role: Role,
) {
  await withMemberLocked(db, organizationId, userId, async (tx, member) => {
    if (member.role === "owner" && role !== "owner") await assertAnotherOwner(tx, organizationId, userId);
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
    await recordAudit(tx, {
      organizationId,
      actor,
      action: "member.role_changed",
      targetType: "user",
      targetId: userId,
      details: { from: member.role, to: role },
    });
  });
}

/** Disabling ends the member's sessions at once (session version); enabling lets them sign in again. */
export async function setMemberDisabled(
  db: Db,
  organizationId: string,
  actor: Actor,
  userId: string,
  disabled: boolean,
) {
  await withMemberLocked(db, organizationId, userId, async (tx, member) => {
    if (disabled && member.role === "owner") await assertAnotherOwner(tx, organizationId, userId);
    await setUserDisabled(tx, userId, disabled);
    await recordAudit(tx, {
      organizationId,
      actor,
      action: disabled ? "member.disabled" : "member.enabled",
      targetType: "user",
      targetId: userId,
    });
  });
}
