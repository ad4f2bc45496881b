import { describe, expect, it } from "vitest";
import { loadSessionRecord } from "@/lib/auth/accounts";
import { attemptLogin } from "@/lib/auth/login";
import { databaseForFile } from "@/test/database-for-file";
import { makeOrgUser, type OrgActor } from "@/test/fixtures";
import { ADD_MEMBER_LIMIT, addMember, changeMemberRole, listMembers, setMemberDisabled } from "./service";

const handle = databaseForFile();

/** A member the owner adds (what the settings page's form does); resolves to the new user's id. */
const addedBy = (owner: OrgActor, input: Parameters<typeof addMember>[3]) =>
  addMember(handle.db, owner.organizationId, owner.actor, input);

describe("members", () => {
  it("adds a member who can sign in with the role given, in this organization only", async () => {
    const owner = await makeOrgUser(handle.db);
    const email = `rev-${Date.now()}@example.test`;
    const userId = await addedBy(owner, { email, role: "reviewer", password: "initial-password-1" });
    const members = await listMembers(handle.db, owner.organizationId);
    expect(members.find((m) => m.userId === userId)).toMatchObject({
      email,
      role: "reviewer",
      disabled: false,
    });
    const login = await attemptLogin(handle.db, { email, password: "initial-password-1", ip: "10.30.0.1" });
    expect(login.ok && login.user.organizationId).toBe(owner.organizationId);
  });

  it("answers an email used in another organization exactly like one used here, and limits the guesses", async () => {
    const other = await makeOrgUser(handle.db);
    const owner = await makeOrgUser(handle.db);
    const input = (email: string) => ({ email, role: "reviewer" as const, password: "initial-password-1" });
    // A member of this organization…
    await addedBy(owner, input(`here-${Date.now()}@example.test`));
    const [ownMember] = (await listMembers(handle.db, owner.organizationId)).filter(
      (m) => m.role === "reviewer",
    );
    const refusal = (email: string) =>
      addedBy(owner, input(email)).then(
        () => null,
        (e: { code: string; status: number; message: string; fieldErrors: unknown }) => ({
          code: e.code,
          status: e.status,
          message: e.message,
          fieldErrors: e.fieldErrors,
        }),
      );
    const elsewhere = await refusal(other.email);
    const sameOrg = await refusal(ownMember!.email);
    expect(elsewhere).not.toBeNull();
    expect(elsewhere).toEqual(sameOrg);
    expect(JSON.stringify(elsewhere)).not.toMatch(/other organi[sz]ation|already exists/i);
    // Guessing is limited per organization and hour.
    const codes: string[] = [];
    for (let i = 0; i < ADD_MEMBER_LIMIT.perHour; i++)
      codes.push((await refusal(other.email))?.code ?? "added");
    expect(codes).toContain("TOO_MANY_ATTEMPTS");
  });

  it("changes roles but never leaves the organization without an active owner", async () => {
    const owner = await makeOrgUser(handle.db);
    await expect(
      changeMemberRole(handle.db, owner.organizationId, owner.actor, owner.userId, "admin"),
    ).rejects.toMatchObject({ code: "LAST_OWNER" });
    await expect(
      setMemberDisabled(handle.db, owner.organizationId, owner.actor, owner.userId, true),
    ).rejects.toMatchObject({ code: "LAST_OWNER" });
    const second = await addedBy(owner, {
      email: `o2-${Date.now()}@example.test`,
      role: "owner",
      password: "initial-password-2",
    });
    await changeMemberRole(handle.db, owner.organizationId, owner.actor, owner.userId, "admin");
    expect(
      (await listMembers(handle.db, owner.organizationId)).find((m) => m.userId === owner.userId)?.role,
    ).toBe("admin");
    await expect(
      changeMemberRole(handle.db, owner.organizationId, owner.actor, second, "reviewer"),
    ).rejects.toMatchObject({ code: "LAST_OWNER" });
  });

  it("disabling a member ends their sessions at once", async () => {
    const owner = await makeOrgUser(handle.db);
    const email = `dis-${Date.now()}@example.test`;
    const userId = await addedBy(owner, { email, role: "admin", password: "initial-password-3" });
    expect(await loadSessionRecord(handle.db, userId, owner.organizationId, 0)).not.toBeNull();
    await setMemberDisabled(handle.db, owner.organizationId, owner.actor, userId, true);
    expect(await loadSessionRecord(handle.db, userId, owner.organizationId, 0)).toBeNull();
    expect(await loadSessionRecord(handle.db, userId, owner.organizationId, 1)).toBeNull();
    expect(
      (await attemptLogin(handle.db, { email, password: "initial-password-3", ip: "10.30.0.2" })).ok,
    ).toBe(false);
  });

  it("cannot touch members of another organization", async () => {
    const a = await makeOrgUser(handle.db);
    const b = await makeOrgUser(handle.db);
    await expect(
      changeMemberRole(handle.db, b.organizationId, b.actor, a.userId, "reviewer"),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      setMemberDisabled(handle.db, b.organizationId, b.actor, a.userId, true),
    ).rejects.toMatchObject({ status: 404 });
    expect((await listMembers(handle.db, a.organizationId))[0]).toMatchObject({
      role: "owner",
      disabled: false,
    });
  });
});
