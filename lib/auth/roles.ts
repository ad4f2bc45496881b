export type Role = "owner" | "admin" | "reviewer";

const RANK: Record<Role, number> = { reviewer: 1, admin: 2, owner: 3 };

/** owner ⊃ admin ⊃ reviewer: owners may do everything admins may, admins everything reviewers may. */
export function hasRole(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}
