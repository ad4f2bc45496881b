import { createHash, randomBytes, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { FACE_MODEL_BASE } from "@/lib/face-model/files";
import { frontalJpeg } from "@/test/photos";
import { SEC } from "./env";
import {
  callAction,
  credentialsFor,
  forgetSession,
  pageFor,
  seed,
  sql,
  type ActorName,
  type Scope,
} from "./http";
import { ACTIONS, ROUTES, type CellKey } from "./matrix";

/** docs/SECURITY.md E 49, F 54, F 55, F 58: the matrix, asserted cell by cell with direct requests. */

const distDir = process.env.NEXT_DIST_DIR || ".next";
const manifest = JSON.parse(readFileSync(join(distDir, "server/server-reference-manifest.json"), "utf8")) as {
  node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  edge: Record<string, unknown>;
};
const builtActions = new Map(
  Object.entries(manifest.node).map(([id, a]) => [
    `${a.filename}#${a.exportedName}`,
    { id, page: pageFor(Object.keys(a.workers), randomUUID()) },
  ]),
);

function builtRoutes(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/^route\.tsx?$/.test(name)) {
        const route = "/" + relative("app", dir).replace(/\([^)]+\)\//g, "");
        const text = readFileSync(path, "utf8");
        for (const m of text.matchAll(
          /export (?:async function|function|const) (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b|export const \{([^}]+)\} = handlers/g,
        )) {
          if (m[1]) out.push(`${m[1]} ${route}`);
          else for (const method of m[2]!.split(",").map((s) => s.trim())) out.push(`${method} ${route}`);
        }
      }
    }
  };
  walk("app");
  return out;
}

test("the matrix names every server action and route handler the build has, and nothing else", () => {
  expect(Object.keys(manifest.edge ?? {})).toEqual([]);
  expect([...builtActions.keys()].sort()).toEqual(Object.keys(ACTIONS).sort());
  expect(builtRoutes().sort()).toEqual(Object.keys(ROUTES).sort());
});

// ---- arranging rows in org A, and the image bytes the cells use ----

const photo = () =>
  sharp({ create: { width: 400, height: 400, channels: 3, background: "#8a7f70" } })
    .jpeg()
    .toBuffer();
const MARKER = Buffer.from("SECRET-IMAGE-BYTES-OF-ORG-A");
const orgA = () => seed().orgA;

async function newIdentity(org = orgA()) {
  const externalId = `SEC-${randomBytes(5).toString("hex")}`;
  const [row] = await sql<
    { id: string }[]
  >`insert into identities (organization_id, external_id, display_name) values (${org}, ${externalId}, ${"Matrix " + externalId}) returning id`;
  return { id: row!.id, externalId };
}
async function newLink(identityId: string, qualityCheck = true) {
  const token = `upl_${randomBytes(32).toString("base64url")}`;
  const hash = createHash("sha256").update(token).digest("hex");
  await sql`insert into upload_links (organization_id, identity_id, token_hash, store_image, quality_check, require_approval, expires_at)
            values (${orgA()}, ${identityId}, ${hash}, true, ${qualityCheck}, false, now() + interval '1 day')`;
  return token;
}
async function newRequest(identityId: string) {
  const image = Buffer.concat([await photo(), MARKER]);
  const [row] = await sql<
    { id: string }[]
  >`insert into approval_requests (organization_id, identity_id, image, thumbnail, quality_report, conditions)
    values (${orgA()}, ${identityId}, ${image}, ${image}, ${sql.json({})}, ${sql.json({ storeImage: true, qualityCheck: true, requireApproval: true })}) returning id`;
  return row!.id;
}
async function newPortrait(identityId: string) {
  const image = Buffer.concat([await photo(), MARKER]);
  const [row] = await sql<
    { id: string }[]
  >`insert into portraits (organization_id, identity_id, image, thumbnail, searchable, quality_report, source)
    values (${orgA()}, ${identityId}, ${image}, ${image}, false, ${sql.json({})}, 'admin_upload') returning id`;
  return row!.id;
}
/** A campaign of org A with one person whose campaign link is unused. */
async function newCampaign() {
  const identity = await newIdentity();
  const [campaign] = await sql<{ id: string }[]>`
    insert into campaigns (organization_id, name, locale, store_image, quality_check, require_approval, expires_in_hours, selection, people_count)
    values (${orgA()}, ${"Matrix campaign " + identity.externalId}, 'ja', true, true, false, 24, ${sql.json({ kind: "list" })}, 1) returning id`;
  const token = `upl_${randomBytes(32).toString("base64url")}`;
  const [link] = await sql<{ id: string }[]>`
    insert into upload_links (organization_id, identity_id, token_hash, store_image, quality_check, require_approval, expires_at, campaign_id)
    values (${orgA()}, ${identity.id}, ${createHash("sha256").update(token).digest("hex")}, true, true, false, now() + interval '1 day', ${campaign!.id})
    returning id`;
  await sql`insert into campaign_members (campaign_id, identity_id, organization_id, link_id, link_expires_at)
            values (${campaign!.id}, ${identity.id}, ${orgA()}, ${link!.id}, now() + interval '1 day')`;
  return { campaignId: campaign!.id, identityId: identity.id, externalId: identity.externalId };
}
const reminders = async (campaignId: string) =>
  (await sql<{ n: number }[]>`select reminders as n from campaigns where id = ${campaignId}`)[0]!.n;

const sessionVersion = async (email: string) =>
  (await sql<{ v: number }[]>`select session_version as v from users where email = ${email}`)[0]!.v;

// ---- what each action does, and how to tell that it happened ----

type Target = Record<string, string | number>;
interface ActionCase {
  arrange(email?: string): Promise<Target>;
  args(t: Target): Promise<{ form: Record<string, string | Blob> } | { json: unknown[] }>;
  /** True when the action took effect (or, for reads, returned the data). */
  effect(t: Target, response: { text: string; headers: Headers }, email?: string): Promise<boolean>;
  /** Actions that end the caller's session. */
  endsSession?: boolean;
}
const jpegBlob = async () => new Blob([new Uint8Array(await photo())], { type: "image/jpeg" });
const countWhere = async (query: PromiseLike<unknown>) => Number(((await query) as { n: number }[])[0]!.n);
const exists = async (query: PromiseLike<unknown>) => (await countWhere(query)) > 0;

const CASES: Record<string, ActionCase> = {
  createIdentityAction: {
    arrange: async () => ({ externalId: `SEC-NEW-${randomBytes(5).toString("hex")}` }),
    args: async (t) => ({
      form: { externalId: String(t.externalId), displayName: "Created by matrix", email: "", notes: "" },
    }),
    effect: async (t) =>
      (await countWhere(
        sql`select count(*)::int as n from identities where external_id = ${String(t.externalId)}`,
      )) > 0,
  },
  updateIdentityAction: {
    arrange: async () => newIdentity(),
    args: async (t) => ({
      form: {
        id: String(t.id),
        externalId: String(t.externalId),
        displayName: "Renamed by matrix",
        email: "",
        notes: "",
      },
    }),
    effect: async (t) =>
      (await countWhere(
        sql`select count(*)::int as n from identities where id = ${String(t.id)} and display_name = 'Renamed by matrix'`,
      )) > 0,
  },
  deleteIdentityAction: {
    arrange: async () => newIdentity(),
    args: async (t) => ({ form: { id: String(t.id) } }),
    effect: async (t) =>
      (await countWhere(sql`select count(*)::int as n from identities where id = ${String(t.id)}`)) === 0,
  },
  uploadPortraitAction: {
    arrange: async () => newIdentity(),
    args: async (t) => ({ form: { id: String(t.id), image: await jpegBlob(), skipQualityCheck: "on" } }),
    effect: async (t) =>
      (await countWhere(sql`select count(*)::int as n from portraits where identity_id = ${String(t.id)}`)) >
      0,
  },
  issueLinkAction: {
    arrange: async () => newIdentity(),
    args: async (t) => ({ form: { id: String(t.id), expiresInHours: "24" } }),
    effect: async (t, r) =>
      (await countWhere(
        sql`select count(*)::int as n from upload_links where identity_id = ${String(t.id)}`,
      )) > 0 || r.text.includes("/upload/upl_"),
  },
  revokeLinkAction: {
    arrange: async () => {
      const identity = await newIdentity();
      await newLink(identity.id);
      return identity;
    },
    args: async (t) => ({ form: { id: String(t.id) } }),
    effect: async (t) =>
      (await countWhere(
        sql`select count(*)::int as n from upload_links where identity_id = ${String(t.id)} and revoked_at is not null`,
      )) > 0,
  },
  decideApprovalsAction: {
    arrange: async () => ({ requestId: await newRequest((await newIdentity()).id) }),
    args: async (t) => ({ form: { decision: "reject", ids: String(t.requestId), reason: "OTHER" } }),
    effect: async (t) =>
      (await countWhere(
        sql`select count(*)::int as n from approval_requests where id = ${String(t.requestId)} and status = 'pending'`,
      )) === 0,
  },
  loadViewerAction: {
    arrange: async () => ({ requestId: await newRequest((await newIdentity()).id) }),
    args: async (t) => ({ json: [t.requestId] }),
    effect: async (_t, r) => r.text.includes('"ok":true'),
  },
  searchByFaceAction: {
    arrange: async () => ({}),
    args: async () => ({ form: { image: await jpegBlob(), limit: "10" } }),
    effect: async (_t, r) =>
      r.text.includes('"matches"') || /no face|face/i.test(r.text.match(/"message":"([^"]*)"/)?.[1] ?? ""),
  },
  signOutAction: {
    arrange: async (email) => ({ version: email ? await sessionVersion(email) : -1 }),
    args: async () => ({ json: [] }),
    effect: async (t, _r, email) => Boolean(email) && (await sessionVersion(email!)) !== t.version,
    endsSession: true,
  },
  changePasswordAction: {
    arrange: async (email) => ({ version: email ? await sessionVersion(email) : -1 }),
    // The same password again: the hash and session version change, the seeded password still works.
    args: async () => ({
      form: { currentPassword: SEC.password, newPassword: SEC.password, confirmPassword: SEC.password },
    }),
    effect: async (t, _r, email) => Boolean(email) && (await sessionVersion(email!)) !== t.version,
    endsSession: true,
  },
  loginAction: {
    arrange: async () => ({}),
    args: async () => ({ form: { email: SEC.users.adminA, password: SEC.password } }),
    effect: async (_t, r) =>
      r.headers.getSetCookie().some((c) => c.includes("session-token=") && !c.includes("session-token=;")),
  },
  setupAction: {
    arrange: async () => ({ email: `setup-${randomBytes(4).toString("hex")}@evil.test` }),
    args: async (t) => ({
      form: {
        organizationName: "Evil Org",
        name: "x",
        email: String(t.email),
        password: "long-enough-password",
      },
    }),
    effect: async (t) =>
      (await countWhere(sql`select count(*)::int as n from users where email = ${String(t.email)}`)) > 0,
  },
};

CASES.previewCampaignAction = {
  arrange: async () => newIdentity(),
  args: async (t) => ({ form: { mode: "ids", ids: String(t.id) } }),
  effect: async (_t, r) => r.text.includes('"people":1'),
};
CASES.createCampaignAction = {
  arrange: async () => newIdentity(),
  args: async (t) => ({
    form: { mode: "ids", ids: String(t.id), name: "Matrix wave", locale: "en", expiresInHours: "24" },
  }),
  effect: async (t) =>
    exists(sql`select count(*)::int as n from campaign_members where identity_id = ${String(t.id)}`),
};
CASES.remindCampaignAction = {
  arrange: async () => newCampaign(),
  args: async (t) => ({ form: { id: String(t.campaignId) } }),
  effect: async (t) => (await reminders(String(t.campaignId))) > 0,
};
CASES.newLinkContextAction = {
  arrange: async () => ({ requestId: await newRequest((await newIdentity()).id) }),
  args: async (t) => ({ form: { id: String(t.requestId) } }),
  effect: async (_t, r) => r.text.includes('"hasEmail"'),
};
CASES.rejectWithNewLinkAction = {
  arrange: async () => {
    const identity = await newIdentity();
    return { identityId: identity.id, requestId: await newRequest(identity.id) };
  },
  args: async (t) => ({
    form: { id: String(t.requestId), reason: "FACE_NOT_CLEAR", locale: "ja", note: "" },
  }),
  effect: async (t) =>
    !(await exists(
      sql`select count(*)::int as n from approval_requests where id = ${String(t.requestId)} and status = 'pending'`,
    )) &&
    (await exists(
      sql`select count(*)::int as n from upload_links where identity_id = ${String(t.identityId)} and used_at is null and revoked_at is null`,
    )),
};

CASES.createApiKeyAction = {
  arrange: async () => ({ name: `matrix-${randomBytes(4).toString("hex")}` }),
  args: async (t) => ({ form: { name: String(t.name) } }),
  effect: async (t) =>
    (await countWhere(sql`select count(*)::int as n from api_keys where name = ${String(t.name)}`)) > 0,
};
CASES.revokeApiKeyAction = {
  arrange: async () => {
    const [row] = await sql<
      { id: string }[]
    >`insert into api_keys (organization_id, name, prefix, key_hash) values (${orgA()}, 'matrix target', 'imk_matrix', ${randomBytes(32).toString("hex")}) returning id`;
    return { id: row!.id };
  },
  args: async (t) => ({ form: { id: String(t.id) } }),
  effect: async (t) =>
    (await countWhere(
      sql`select count(*)::int as n from api_keys where id = ${String(t.id)} and revoked_at is not null`,
    )) > 0,
};

/** A member of org A who never signs in: the target of the member-management actions. */
async function newMember() {
  const email = `member-${randomBytes(4).toString("hex")}@matrix.test`;
  const [user] = await sql<
    { id: string }[]
  >`insert into users (email, password_hash) values (${email}, 'not-a-hash') returning id`;
  await sql`insert into memberships (organization_id, user_id, role) values (${orgA()}, ${user!.id}, 'reviewer')`;
  return { userId: user!.id };
}
CASES.addMemberAction = {
  arrange: async () => ({ email: `added-${randomBytes(4).toString("hex")}@matrix.test` }),
  args: async (t) => ({
    form: { email: String(t.email), name: "Added", role: "reviewer", password: "long-enough-password" },
  }),
  effect: async (t) => exists(sql`select count(*)::int as n from users where email = ${String(t.email)}`),
};
CASES.changeMemberRoleAction = {
  arrange: newMember,
  args: async (t) => ({ form: { userId: String(t.userId), role: "admin" } }),
  effect: async (t) =>
    exists(
      sql`select count(*)::int as n from memberships where user_id = ${String(t.userId)} and role = 'admin'`,
    ),
};
CASES.setMemberDisabledAction = {
  arrange: newMember,
  args: async (t) => ({ form: { userId: String(t.userId), disabled: "true" } }),
  effect: async (t) =>
    exists(
      sql`select count(*)::int as n from users where id = ${String(t.userId)} and disabled_at is not null`,
    ),
};
CASES.saveQualityThresholdsAction = {
  // Start from the defaults, so only this call can have set the value (a random value alone could
  // repeat an earlier cell's and look like an effect). The suite's photos pass at this value.
  arrange: async () => {
    await sql`update organizations set quality_thresholds = '{}'::jsonb where id = ${orgA()}`;
    return { value: 200 + Math.floor(Math.random() * 50) };
  },
  args: async (t) => ({ form: { minShortSidePx: String(t.value) } }),
  effect: async (t) =>
    exists(
      sql`select count(*)::int as n from organizations where id = ${orgA()} and quality_thresholds->>'minShortSidePx' = ${String(t.value)}`,
    ),
};

/** Another organization's names and every kind of secret hash must never appear in what a caller gets back. */
function expectNoLeak(text: string, actorScope: Scope | "none") {
  expect(text).not.toMatch(/token_?hash|key_?hash|password_?hash|\$argon2/i);
  expect(text).not.toMatch(/\b[0-9a-f]{64}\b/);
  expect(text).not.toContain(MARKER.toString());
  if (actorScope === "other") expect(text).not.toMatch(/Alice OnlyInA|A-SECRET-1/);
}

async function runActionCell(
  key: string,
  actor: ActorName,
  scope: Scope,
  extraHeaders: Record<string, string | undefined> = {},
) {
  const built = builtActions.get(key)!;
  const exportName = key.split("#")[1]!;
  const c = CASES[exportName];
  if (!c) throw new Error(`no case for ${exportName}`);
  const creds = await credentialsFor(actor, scope);
  const target = await c.arrange(creds.email);
  const response = await callAction(built.id, built.page, await c.args(target), {
    ...creds.headers,
    ...extraHeaders,
  });
  // Next.js itself answers a foreign Origin with a 500 before any app code runs; everything else is a clean answer.
  if (extraHeaders.origin === undefined || !extraHeaders.origin.includes("evil"))
    expect(response.status, `${response.status} ${response.text.slice(0, 300)}`).toBeLessThan(500);
  expectNoLeak(response.text, actor === "signedOut" || actor === "apiKey" ? "none" : scope);
  const happened = await c.effect(target, response, creds.email);
  if (c.endsSession && creds.email) forgetSession(creds.email);
  return happened;
}

/** One test per cell of a matrix row that applies, named "<actor>:<scope> → <allow|deny>". */
function cellTests(
  row: Record<string, string>,
  run: (actor: ActorName, scope: Scope, cell: string) => Promise<void>,
) {
  for (const [cellKey, cell] of Object.entries(row)) {
    if (cell.startsWith("n/a")) continue;
    const [actor, scope] = cellKey.split(":") as [ActorName, Scope];
    test(`${cellKey} → ${cell}`, () => run(actor, scope, cell));
  }
}

for (const [key, row] of Object.entries(ACTIONS)) {
  test.describe(key, () => {
    cellTests(row, async (actor, scope, cell) => {
      expect(await runActionCell(key, actor, scope)).toBe(cell === "allow");
    });
    // F 54 / F 55: the most privileged caller of the target's organization, but from another site,
    // from a script without Origin, or with middleware-bypass headers while signed out.
    const privileged = (["owner", "admin", "reviewer"] as const).find(
      (a) => row[`${a}:own` as CellKey] === "allow",
    );
    if (privileged) {
      test(`${privileged}:own from another origin or without Origin → no effect`, async () => {
        expect(await runActionCell(key, privileged, "own", { origin: "https://evil.example" })).toBe(false);
        expect(await runActionCell(key, privileged, "own", { origin: undefined })).toBe(false);
      });
    }
    if (row["signedOut:own"] === "deny") {
      test("signed out with middleware-bypass and prefetch headers → no effect", async () => {
        const bypass = {
          "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware",
          "x-nextjs-data": "1",
          rsc: "1",
          "next-router-prefetch": "1",
        };
        expect(await runActionCell(key, "signedOut", "own", bypass)).toBe(false);
      });
    }
  });
}

// ---- route handlers ----

interface RouteCase {
  request(actor: ActorName, scope: Scope): Promise<Response>;
  allowed(response: Response, body: Buffer): boolean;
}
const asActor = async (actor: ActorName, scope: Scope) => (await credentialsFor(actor, scope)).headers;

const api = async (method: string, path: string, a: ActorName, s: Scope, body?: unknown) =>
  fetch(`${SEC.baseUrl}${path}`, {
    method,
    headers: {
      ...(await asActor(a, s)),
      ...(body instanceof FormData || body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
  });
const imageForm = async (face = false) => {
  const form = new FormData();
  form.append(
    "image",
    face ? new Blob([new Uint8Array(await frontalJpeg())], { type: "image/jpeg" }) : await jpegBlob(),
    "photo.jpg",
  );
  return form;
};

/**
 * A route judged by its effect: `request` makes the call on fresh rows of org A and returns it
 * through withVerdict; the cell counts as allowed when it answered below 400 and the check held.
 */
const byEffect = (request: RouteCase["request"]): RouteCase => ({ request, allowed: verdict });

const ROUTE_CASES: Record<string, RouteCase> = {
  "GET /api/v1/openapi.json": {
    request: async (a, s) => api("GET", "/api/v1/openapi.json", a, s),
    allowed: (r) => r.status === 200,
  },
  "GET /api/v1/identities": byEffect(async (a, s) => {
    const identity = await newIdentity();
    const response = await api("GET", `/api/v1/identities?q=${identity.externalId}`, a, s);
    return withVerdict(response, (body) => body.includes(identity.externalId));
  }),
  "POST /api/v1/identities": byEffect(async (a, s) => {
    const externalId = `SEC-API-${randomBytes(5).toString("hex")}`;
    const response = await api("POST", "/api/v1/identities", a, s, {
      externalId,
      displayName: "API created",
    });
    return withVerdict(response, async () =>
      exists(sql`select count(*)::int as n from identities where external_id = ${externalId}`),
    );
  }),
  "GET /api/v1/identities/[id]": byEffect(async (a, s) => {
    const identity = await newIdentity();
    const response = await api("GET", `/api/v1/identities/${identity.id}`, a, s);
    return withVerdict(response, (body) => body.includes(identity.externalId));
  }),
  "PATCH /api/v1/identities/[id]": byEffect(async (a, s) => {
    const identity = await newIdentity();
    const response = await api("PATCH", `/api/v1/identities/${identity.id}`, a, s, {
      displayName: "Patched by matrix",
    });
    return withVerdict(response, async () =>
      exists(
        sql`select count(*)::int as n from identities where id = ${identity.id} and display_name = 'Patched by matrix'`,
      ),
    );
  }),
  "DELETE /api/v1/identities/[id]": byEffect(async (a, s) => {
    const identity = await newIdentity();
    const response = await api("DELETE", `/api/v1/identities/${identity.id}`, a, s);
    return withVerdict(
      response,
      async () => !(await exists(sql`select count(*)::int as n from identities where id = ${identity.id}`)),
    );
  }),
  "PUT /api/v1/identities/[id]/portrait": byEffect(async (a, s) => {
    const identity = await newIdentity();
    const form = await imageForm();
    form.append("qualityCheck", "false");
    const response = await api("PUT", `/api/v1/identities/${identity.id}/portrait`, a, s, form);
    return withVerdict(response, async () =>
      exists(sql`select count(*)::int as n from portraits where identity_id = ${identity.id}`),
    );
  }),
  "POST /api/v1/upload-links": byEffect(async (a, s) => {
    const identity = await newIdentity();
    const response = await api("POST", "/api/v1/upload-links", a, s, {
      identities: [{ id: identity.id }],
      options: { storeImage: true, qualityCheck: true, requireApproval: false },
    });
    return withVerdict(response, async () =>
      exists(sql`select count(*)::int as n from upload_links where identity_id = ${identity.id}`),
    );
  }),
  "DELETE /api/v1/upload-links/[identityId]": byEffect(async (a, s) => {
    const identity = await newIdentity();
    await newLink(identity.id);
    const response = await api("DELETE", `/api/v1/upload-links/${identity.id}`, a, s);
    return withVerdict(response, async () =>
      exists(
        sql`select count(*)::int as n from upload_links where identity_id = ${identity.id} and revoked_at is not null`,
      ),
    );
  }),
  "GET /api/v1/approvals": byEffect(async (a, s) => {
    const requestId = await newRequest((await newIdentity()).id);
    const response = await api("GET", "/api/v1/approvals?status=pending&limit=200", a, s);
    return withVerdict(response, (body) => body.includes(requestId));
  }),
  "POST /api/v1/approvals/[id]/approve": decideRoute("approve"),
  "POST /api/v1/approvals/[id]/reject": decideRoute("reject"),
  "POST /api/v1/search": byEffect(async (a, s) => {
    const form = await imageForm(true);
    const response = await api("POST", "/api/v1/search", a, s, form);
    return withVerdict(response, (body) => body.includes('"matches"') || /FACE|face/.test(body));
  }),
  "GET /api/v1/campaigns": byEffect(async (a, s) => {
    const { campaignId } = await newCampaign();
    const response = await api("GET", "/api/v1/campaigns?limit=200", a, s);
    return withVerdict(response, (body) => body.includes(campaignId));
  }),
  "POST /api/v1/campaigns": byEffect(async (a, s) => {
    const identity = await newIdentity();
    const response = await api("POST", "/api/v1/campaigns", a, s, {
      name: "Matrix API wave",
      identities: [{ id: identity.id }],
    });
    return withVerdict(response, async () =>
      exists(sql`select count(*)::int as n from campaign_members where identity_id = ${identity.id}`),
    );
  }),
  "GET /api/v1/campaigns/[id]": byEffect(async (a, s) => {
    const { campaignId } = await newCampaign();
    const response = await api("GET", `/api/v1/campaigns/${campaignId}`, a, s);
    return withVerdict(response, (body) => body.includes(campaignId) && body.includes('"counts"'));
  }),
  "GET /api/v1/campaigns/[id]/members": byEffect(async (a, s) => {
    const { campaignId, externalId } = await newCampaign();
    const response = await api("GET", `/api/v1/campaigns/${campaignId}/members`, a, s);
    return withVerdict(response, (body) => body.includes(externalId));
  }),
  "POST /api/v1/campaigns/[id]/remind": byEffect(async (a, s) => {
    const { campaignId } = await newCampaign();
    const response = await api("POST", `/api/v1/campaigns/${campaignId}/remind`, a, s, {});
    return withVerdict(response, async () => (await reminders(campaignId)) > 0);
  }),
  "GET /api/health": {
    request: async (a, s) => fetch(`${SEC.baseUrl}/api/health`, { headers: await asActor(a, s) }),
    allowed: (r) => r.status === 200,
  },
  "GET /face-model/[version]/[file]": {
    request: async (a, s) =>
      fetch(`${SEC.baseUrl}${FACE_MODEL_BASE}blazeface.json`, { headers: await asActor(a, s) }),
    allowed: (r, body) => r.status === 200 && body.includes("weightsManifest"),
  },
  "GET /api/portraits/[id]/[variant]": {
    request: async (a, s) => {
      const portraitId = await newPortrait((await newIdentity()).id);
      return fetch(`${SEC.baseUrl}/api/portraits/${portraitId}/image`, { headers: await asActor(a, s) });
    },
    allowed: (r, body) => r.status === 200 && body.includes(MARKER),
  },
  "GET /api/approvals/[id]/[variant]": {
    request: async (a, s) => {
      const requestId = await newRequest((await newIdentity()).id);
      return fetch(`${SEC.baseUrl}/api/approvals/${requestId}/image`, { headers: await asActor(a, s) });
    },
    allowed: (r, body) => r.status === 200 && body.includes(MARKER),
  },
  "GET /audit/export": byEffect(async (a, s) => {
    const identity = await newIdentity();
    await sql`insert into audit_events (organization_id, actor_type, action, target_type, target_id, details)
              values (${orgA()}, 'system', 'identity.created', 'identity', ${identity.id}, ${sql.json({ externalId: identity.externalId })})`;
    const response = await fetch(`${SEC.baseUrl}/audit/export?person=${identity.externalId}`, {
      headers: await asActor(a, s),
    });
    return withVerdict(response, (body) => body.includes(identity.externalId));
  }),
  "POST /api/public/uploads/[token]": {
    request: async (a, s) => {
      const identity = await newIdentity();
      const token = await newLink(identity.id, false);
      const form = new FormData();
      form.append("image", await jpegBlob(), "photo.jpg");
      return fetch(`${SEC.baseUrl}/api/public/uploads/${token}`, {
        method: "POST",
        body: form,
        headers: {
          ...(await asActor(a, s)),
          "x-forwarded-for": `203.0.113.${Math.floor(Math.random() * 250)}`,
        },
      });
    },
    allowed: (r) => r.status === 200,
  },
};

function decideRoute(decision: "approve" | "reject"): RouteCase {
  return byEffect(async (a, s) => {
    const requestId = await newRequest((await newIdentity()).id);
    const response = await api("POST", `/api/v1/approvals/${requestId}/${decision}`, a, s);
    return withVerdict(
      response,
      async () =>
        !(await exists(
          sql`select count(*)::int as n from approval_requests where id = ${requestId} and status = 'pending'`,
        )),
    );
  });
}

/** A response whose "did it take effect" verdict is computed from its body or the database. */
const verdicts = new WeakMap<Response, boolean>();
async function withVerdict(
  response: Response,
  check: (body: string) => boolean | Promise<boolean>,
): Promise<Response> {
  const body = await response.text();
  const copy = new Response(body || null, { status: response.status, headers: response.headers });
  verdicts.set(copy, response.status < 400 && (await check(body)));
  return copy;
}
function verdict(response: Response): boolean {
  return verdicts.get(response) ?? false;
}

for (const [key, row] of Object.entries(ROUTES)) {
  test.describe(key, () => {
    cellTests(row, async (actor, scope, cell) => {
      const c = ROUTE_CASES[key];
      if (!c) throw new Error(`no case for ${key}`);
      const response = await c.request(actor, scope);
      const body = Buffer.from(await response.arrayBuffer());
      expect(response.status).toBeLessThan(500);
      if (cell === "deny") expect(body.includes(MARKER)).toBe(false);
      if (!response.headers.get("content-type")?.startsWith("image/"))
        expectNoLeak(body.toString("utf8"), actor === "signedOut" || actor === "apiKey" ? "none" : scope);
      if (actor === "apiKey" && scope === "other")
        expect(body.toString("utf8")).not.toMatch(/Alice OnlyInA|A-SECRET-1|Matrix SEC-/);
      expect(c.allowed(response, body)).toBe(cell === "allow");
    });
  });
}
