/**
 * The authorization matrix (docs/SECURITY.md E 49): every server action and route handler the build has
 * × who calls (signed out, reviewer, admin, owner, API key) × whose data (own organization = org A,
 * the target's; other = a member or key of org B aimed at org A's row). matrix.spec.ts fails when
 * the build has an action or route missing here, and asserts every cell by a direct request.
 */
import type { ActorName, Scope } from "./http";

export type Cell = "allow" | "deny" | `n/a: ${string}`;
export type CellKey = `${ActorName}:${Scope}`;
export type Row = Record<CellKey, Cell>;

const ROLES = ["reviewer", "admin", "owner"] as const;

/** Members of the target's organization from `role` up; nobody else. */
function members(role: (typeof ROLES)[number], other: Cell = "deny"): Row {
  const row = {
    "signedOut:own": "deny",
    "signedOut:other": "deny",
    "apiKey:own": "deny",
    "apiKey:other": "deny",
  } as Row;
  for (const r of ROLES) {
    row[`${r}:own`] = ROLES.indexOf(r) >= ROLES.indexOf(role) ? "allow" : "deny";
    row[`${r}:other`] = other === "deny" ? "deny" : other;
  }
  return row;
}
const sameForAll = (cell: Cell): Row =>
  Object.fromEntries(
    (["signedOut", "reviewer", "admin", "owner", "apiKey"] as const).flatMap((a) =>
      (["own", "other"] as const).map((s) => [`${a}:${s}`, cell]),
    ),
  ) as Row;

const NO_TARGET: Cell =
  "n/a: acts on the caller's own organization only (taken from the session), there is no other organization's row to aim at";

/** API-key routes: a key of the target's organization, nobody else (sessions are not credentials there). */
function apiKeyOnly(other: Cell = "deny"): Row {
  return { ...sameForAll("deny"), "apiKey:own": "allow", "apiKey:other": other };
}

/** Server actions, by `file#export` as the build's server-reference manifest names them. */
export const ACTIONS: Record<string, Row> = {
  "app/(admin)/identities/actions.ts#createIdentityAction": members("admin", NO_TARGET),
  "app/(admin)/identities/actions.ts#updateIdentityAction": members("admin"),
  "app/(admin)/identities/actions.ts#deleteIdentityAction": members("admin"),
  "app/(admin)/identities/actions.ts#uploadPortraitAction": members("admin"),
  "app/(admin)/identities/actions.ts#issueLinkAction": members("admin"),
  "app/(admin)/identities/actions.ts#revokeLinkAction": members("admin"),
  "app/(admin)/approvals/actions.ts#decideApprovalsAction": members("reviewer"),
  "app/(admin)/approvals/actions.ts#loadViewerAction": members("reviewer"),
  // Issuing links is for admins: reviewers decide, but cannot send a new link.
  "app/(admin)/approvals/new-link-actions.ts#newLinkContextAction": members("admin"),
  "app/(admin)/approvals/new-link-actions.ts#rejectWithNewLinkAction": members("admin"),
  "app/(admin)/campaigns/actions.ts#previewCampaignAction": members("admin"),
  "app/(admin)/campaigns/actions.ts#createCampaignAction": members("admin"),
  "app/(admin)/campaigns/actions.ts#remindCampaignAction": members("admin"),
  // Reviewers decide approvals only; 1:N search by face is for admins and owners.
  "app/(admin)/search/actions.ts#searchByFaceAction": members("admin", NO_TARGET),
  "app/(admin)/actions.ts#signOutAction": members("reviewer", NO_TARGET),
  "app/(admin)/account/actions.ts#changePasswordAction": members("reviewer", NO_TARGET),
  "app/(auth)/login/actions.ts#loginAction": {
    ...sameForAll(
      "n/a: signing in is for people without a session; a signed-in caller signs in as someone else, not with more rights",
    ),
    "signedOut:own": "allow",
    "signedOut:other": "n/a: no session, no organization",
    "apiKey:own": "n/a: an Authorization header is ignored; the password is the credential",
    "apiKey:other": "n/a: an Authorization header is ignored; the password is the credential",
  },
  "app/setup/actions.ts#setupAction": sameForAll("deny"),
  "app/(admin)/settings/actions.ts#createApiKeyAction": members("owner", NO_TARGET),
  "app/(admin)/settings/actions.ts#revokeApiKeyAction": members("owner"),
  "app/(admin)/settings/actions.ts#addMemberAction": members("owner", NO_TARGET),
  "app/(admin)/settings/actions.ts#changeMemberRoleAction": members("owner"),
  "app/(admin)/settings/actions.ts#setMemberDisabledAction": members("owner"),
  "app/(admin)/settings/actions.ts#saveQualityThresholdsAction": members("owner", NO_TARGET),
};

/** Route handlers, by `METHOD /path` as in app/**\/route.ts. */
export const ROUTES: Record<string, Row> = {
  "GET /api/health": sameForAll("allow"),
  "GET /api/auth/[...nextauth]": sameForAll(
    "n/a: next-auth's own endpoints (csrf, session, providers); sign-in is exercised by every session cell",
  ),
  "POST /api/auth/[...nextauth]": sameForAll(
    "n/a: next-auth's own endpoints (csrf, session, providers); sign-in is exercised by every session cell",
  ),
  "GET /api/portraits/[id]/[variant]": members("reviewer"),
  "GET /api/approvals/[id]/[variant]": members("reviewer"),
  // The audit log (and its export) is for admins and owners; another organization's export never holds org A's events.
  "GET /audit/export": members("admin"),
  "GET /api/v1/openapi.json": sameForAll("allow"),
  // The face engine's files for the phone's live guide (issue 15): public, the same for everyone,
  // no organization's data in them.
  "GET /face-model/[version]/[file]": sameForAll("allow"),
  "GET /api/v1/identities": apiKeyOnly(),
  "POST /api/v1/identities": apiKeyOnly(NO_TARGET),
  "GET /api/v1/identities/[id]": apiKeyOnly(),
  "PATCH /api/v1/identities/[id]": apiKeyOnly(),
  "DELETE /api/v1/identities/[id]": apiKeyOnly(),
  "PUT /api/v1/identities/[id]/portrait": apiKeyOnly(),
  "POST /api/v1/upload-links": apiKeyOnly(),
  "DELETE /api/v1/upload-links/[identityId]": apiKeyOnly(),
  "GET /api/v1/approvals": apiKeyOnly(),
  "POST /api/v1/approvals/[id]/approve": apiKeyOnly(),
  "POST /api/v1/approvals/[id]/reject": apiKeyOnly(),
  "POST /api/v1/search": apiKeyOnly(NO_TARGET),
  "GET /api/v1/campaigns": apiKeyOnly(),
  "POST /api/v1/campaigns": apiKeyOnly(),
  "GET /api/v1/campaigns/[id]": apiKeyOnly(),
  "GET /api/v1/campaigns/[id]/members": apiKeyOnly(),
  "POST /api/v1/campaigns/[id]/remind": apiKeyOnly(),
  "POST /api/public/uploads/[token]": {
    ...sameForAll(
      "n/a: the link's token is the only credential; cookies and keys are ignored (bad tokens: route.test.ts)",
    ),
    "signedOut:own": "allow",
  },
};
