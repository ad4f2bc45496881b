import { createHash, randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { frontalJpeg } from "@/test/photos";
import { SEC } from "./env";
import { builtActions, callAction, cookiesOf, pageFor, seed, sql } from "./http";
import { newClientAddress, send } from "./net";

/**
 * Issue 11, item 2: a generated fuzz suite against the production server. For every operation of the
 * served OpenAPI document, and for every server action of the build, fast-check sends a valid request
 * with one part replaced by a bad or edge-case value (NUL, unpaired surrogates, huge and negative
 * numbers, wrong types, SQL and path tricks, 10 000 characters, missing and unknown fields, a wrong
 * body…). No answer may be a 5xx (503 BUSY with Retry-After is load shedding, not an error), and an
 * action may not fall into its unexpected-error branch (its state's code INTERNAL; not its words: the
 * page's message catalogue, sent with every render, holds them too). The failing request is printed.
 * Bounded by runs and time per operation so the suite stays within minutes on two cores.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const RUNS_WITH_IMAGES = Number(process.env.FUZZ_RUNS_IMAGES ?? 15);
const TIME_PER_OPERATION_MS = Number(process.env.FUZZ_MS ?? 30_000);
const counts: Record<string, { requests: number; fivexx: number }> = {};

test.describe.configure({ mode: "serial", timeout: 300_000 });

// ---- hostile values -------------------------------------------------------------------------

/** Every one of these is sent to every parameter and field (fast-check examples), then random ones. */
const HOSTILE_TEXT: string[] = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "%00",
  "%",
  "' OR 1=1--",
  '"; drop table identities; --',
  "../../etc/passwd",
  "ext:",
  "ext:\u0000",
  "ext:%",
  "0",
  "-1",
  "1e309",
  "NaN",
  "Infinity",
  "99999999999999999999999",
  "-99999999999999999999999",
  "null",
  "true",
  "[]",
  "{}",
  "00000000-0000-0000-0000-000000000000",
  "0".repeat(36),
  "ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ",
  "\u202Eevil",
  "<script>alert(1)</script>",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀",
  "日本語の名前",
  "a".repeat(10_000),
  "eyJhIjoxfQ",
  Buffer.from(JSON.stringify(["1", "0".repeat(36)])).toString("base64url"),
  Buffer.from(JSON.stringify(["a\u0000", "00000000-0000-0000-0000-000000000000"])).toString("base64url"),
];
/** The smaller set for requests that cost a face detection or a server action round trip. */
const HOSTILE_CORE: string[] = [
  "",
  "$",
  "$1",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "%00",
  "' OR 1=1--",
  "-1",
  "99999999999999999999999",
  "0".repeat(36),
  "a".repeat(10_000),
  "日本語の名前",
  "00000000-0000-0000-0000-000000000000",
];
const HOSTILE_JSON: unknown[] = [
  null,
  -1,
  0,
  1e308,
  2 ** 53,
  -(2 ** 63),
  0.5,
  true,
  [],
  {},
  [null],
  { a: "\u0000" },
];

const hostileStrings = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXT),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ maxLength: 300 }),
  fc.integer().map(String),
  fc.double().map(String),
);
const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileStrings,
  fc.integer(),
  fc.double(),
  fc.constantFrom(2 ** 53, -(2 ** 63), 1e308, -0, 0.5),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(hostileStrings, fc.integer(), fc.constant(null)), { maxLength: 3 }),
  fc.dictionary(hostileStrings, fc.oneof(hostileStrings, fc.integer()), { maxKeys: 3 }),
);

// ---- fixtures in org A ----------------------------------------------------------------------

async function fixtures() {
  const orgA = seed().orgA;
  const externalId = `FUZZ-${randomBytes(4).toString("hex")}`;
  const [identity] = await sql<
    { id: string }[]
  >`insert into identities (organization_id, external_id, display_name)
    values (${orgA}, ${externalId}, 'Fuzz target') returning id`;
  const [request] = await sql<
    { id: string }[]
  >`insert into approval_requests (organization_id, identity_id, quality_report, conditions)
    values (${orgA}, ${identity!.id}, ${sql.json({})}, ${sql.json({ storeImage: true, qualityCheck: true, requireApproval: true })}) returning id`;
  // A campaign with this person in it (an unused campaign link), for the campaign endpoints and actions.
  const [campaign] = await sql<{ id: string }[]>`
    insert into campaigns (organization_id, name, locale, store_image, quality_check, require_approval, expires_in_hours, selection, people_count)
    values (${orgA}, ${`FUZZ campaign ${externalId}`}, 'ja', true, true, false, 24, ${sql.json({ kind: "list" })}, 1) returning id`;
  const token = `upl_${randomBytes(32).toString("base64url")}`;
  const [link] = await sql<{ id: string }[]>`
    insert into upload_links (organization_id, identity_id, token_hash, store_image, quality_check, require_approval, expires_at, campaign_id)
    values (${orgA}, ${identity!.id}, ${createHash("sha256").update(token).digest("hex")}, true, true, false, now() + interval '1 day', ${campaign!.id})
    returning id`;
  await sql`insert into campaign_members (campaign_id, identity_id, organization_id, link_id, link_expires_at)
            values (${campaign!.id}, ${identity!.id}, ${orgA}, ${link!.id}, now() + interval '1 day')`;
  return { identityId: identity!.id, externalId, requestId: request!.id, campaignId: campaign!.id };
}

/** An API key of its own per operation, so the per-key rate limit never decides an answer. */
async function apiKey(): Promise<string> {
  const key = `imk_${randomBytes(32).toString("base64url")}`;
  await sql`insert into api_keys (organization_id, name, prefix, key_hash)
    values (${seed().orgA}, 'fuzz', ${key.slice(0, 12)}, ${createHash("sha256").update(key).digest("hex")})`;
  return key;
}

// ---- the REST API, from the served OpenAPI document -----------------------------------------

type Schema = Record<string, unknown>;
type Fixture = Awaited<ReturnType<typeof fixtures>>;

function resolve(schema: Schema, doc: Schema): Schema {
  const ref = schema.$ref as string | undefined;
  if (!ref) return schema;
  return resolve(
    (doc.components as { schemas: Record<string, Schema> }).schemas[ref.split("/").pop()!]!,
    doc,
  );
}

/** A value the schema accepts, using the fixtures where an id is wanted. */
function validValue(raw: Schema, doc: Schema, fx: Fixture): unknown {
  const schema = resolve(raw, doc);
  const choice = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (choice) return validValue(choice[0]!, doc, fx);
  if (schema.enum) return (schema.enum as unknown[])[0];
  switch (schema.type) {
    case "object":
      return Object.fromEntries(
        Object.entries((schema.properties ?? {}) as Record<string, Schema>).map(([k, v]) => [
          k,
          validValue(v, doc, fx),
        ]),
      );
    case "array":
      return [validValue(schema.items as Schema, doc, fx)];
    case "integer":
    case "number":
      return (schema.minimum as number | undefined) ?? 1;
    case "boolean":
      return true;
    default:
      if (schema.format === "uuid") return fx.identityId;
      if (schema.format === "email") return "fuzz@example.test";
      return `FUZZ-${randomBytes(3).toString("hex")}`;
  }
}

/**
 * Bodies whose schema a generated value cannot satisfy (one of two fields, not both): a valid one
 * by hand, so the fuzzer's changes reach past the first check.
 */
const VALID_BODIES: Record<string, (fx: Fixture) => unknown> = {
  "POST /api/v1/campaigns": (fx) => ({
    name: `FUZZ wave ${fx.externalId}`,
    locale: "en",
    options: { storeImage: true, qualityCheck: true, requireApproval: false },
    expiresInHours: 24,
    email: false,
    identities: [{ id: fx.identityId }],
  }),
};

function validBody(op: Operation, doc: Schema, fx: Fixture): unknown {
  const byHand = VALID_BODIES[`${op.method} ${op.path}`];
  return byHand ? byHand(fx) : validValue(op.body!.schema, doc, fx);
}

/** Every place in a JSON value that can be replaced: "" is the whole value. */
function pointers(value: unknown, prefix = ""): string[] {
  const here = [prefix];
  if (Array.isArray(value)) return here.concat(value.flatMap((v, i) => pointers(v, `${prefix}/${i}`)));
  if (value && typeof value === "object")
    return here.concat(Object.entries(value).flatMap(([k, v]) => pointers(v, `${prefix}/${k}`)));
  return here;
}
function replaceAt(value: unknown, pointer: string, replacement: unknown, remove = false): unknown {
  if (pointer === "") return replacement;
  const copy = structuredClone(value) as Record<string, unknown>;
  const parts = pointer.slice(1).split("/");
  let node = copy as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  const last = parts.at(-1)!;
  if (remove) delete node[last];
  else node[last] = replacement;
  return copy;
}

interface Operation {
  method: string;
  path: string;
  params: { name: string; in: string }[];
  body?: { type: string; schema: Schema };
}
function operations(doc: Schema): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Schema>>))
    for (const [method, op] of Object.entries(ops)) {
      const content = (op.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)
        ?.content;
      const [type, media] = content ? Object.entries(content)[0]! : [];
      out.push({
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? []) as { name: string; in: string }[],
        body: type ? { type, schema: media!.schema } : undefined,
      });
    }
  return out;
}

/** The valid value of a parameter, or null to leave it out (optional ones are only sent when fuzzed). */
function validParam(op: Operation, name: string, fx: Fixture): string | null {
  if (name === "id" && op.path.startsWith("/api/v1/approvals")) return fx.requestId;
  if (name === "id" && op.path.startsWith("/api/v1/campaigns")) return fx.campaignId;
  if (name === "id" || name === "identityId") return fx.identityId;
  if (name === "status") return "pending";
  if (name === "filter") return "all";
  if (name === "limit") return "5";
  if (name === "Idempotency-Key") return `fuzz-${randomBytes(6).toString("hex")}`;
  return null;
}

/**
 * encodeURIComponent throws on an unpaired surrogate; a client can still send one as the bytes
 * WTF-8 gives it (%ED%A0%80 for U+D800), so the fuzzer does.
 */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value]
      .map((ch) => {
        const code = ch.charCodeAt(0);
        if (ch.length === 1 && code >= 0xd800 && code <= 0xdfff)
          return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
            .map((b) => `%${b.toString(16).toUpperCase()}`)
            .join("");
        return encodeURIComponent(ch);
      })
      .join("");
  }
}

type Mutation =
  | { where: "param"; name: string; value: string; drop: boolean }
  | { where: "body"; pointer: string; value: unknown; drop: boolean }
  | { where: "rawBody"; text: string; contentType: string };

const describeRequest = (r: {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}) => `${r.method} ${r.url}\n${JSON.stringify(r.headers)}\n${(r.body ?? "").slice(0, 2000)}`;

async function fuzzOperation(op: Operation, doc: Schema) {
  const label = `${op.method} ${op.path}`;
  counts[label] = { requests: 0, fivexx: 0 };
  const key = op.path.endsWith("openapi.json") ? "" : await apiKey();
  const jpeg = await frontalJpeg();
  const multipart = op.body?.type === "multipart/form-data";
  const targets = op.params.map((p) => p.name);
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    ...(targets.length
      ? [
          fc.record({
            where: fc.constant("param" as const),
            name: fc.constantFrom(...targets),
            value: hostileStrings,
            drop: fc.boolean(),
          }),
        ]
      : []),
    ...(op.body
      ? [
          fc.record({
            where: fc.constant("body" as const),
            pointer: fc.string(), // chosen among the body's pointers below
            value: multipart ? hostileStrings : hostileJson,
            drop: fc.boolean(),
          }),
          fc.record({
            where: fc.constant("rawBody" as const),
            text: fc.oneof(
              hostileStrings,
              fc.constantFrom("{", "[1,", '{"a":}', "\u0000", "{}", "[]", "null"),
            ),
            contentType: fc.constantFrom(
              "application/json",
              "text/plain",
              "multipart/form-data",
              "multipart/form-data; boundary=x",
              "application/x-www-form-urlencoded",
            ),
          }),
        ]
      : [
          fc.record({
            where: fc.constant("param" as const),
            name: fc.constant("q"),
            value: hostileStrings,
            drop: fc.constant(false),
          }),
        ]),
  );

  const fx = await fixtures();
  // Systematically first (every listed value into every parameter and field), then at random.
  const examples: [Mutation, number][] = [];
  for (const name of targets) {
    for (const value of multipart ? HOSTILE_CORE : HOSTILE_TEXT)
      examples.push([{ where: "param", name, value, drop: false }, 0]);
    examples.push([{ where: "param", name, value: "", drop: true }, 0]);
  }
  if (op.body) {
    const slots = multipart
      ? Object.keys(validBody(op, doc, fx) as object).length
      : pointers(validBody(op, doc, fx)).length;
    const values = multipart ? HOSTILE_CORE : [...HOSTILE_TEXT, ...HOSTILE_JSON];
    for (let slot = 0; slot < slots; slot++) {
      for (const value of values) examples.push([{ where: "body", pointer: "", value, drop: false }, slot]);
      examples.push([{ where: "body", pointer: "", value: null, drop: true }, slot]);
    }
    for (const text of ["", "{", '{"a":}', "\u0000", "[]", "null"])
      for (const contentType of ["application/json", "text/plain", "multipart/form-data; boundary=x"])
        examples.push([{ where: "rawBody", text, contentType }, 0]);
  }
  await fc.assert(
    fc.asyncProperty(mutation, fc.nat(), async (m, pick) => {
      const params: Record<string, { in: string; value: string | null }> = {};
      for (const p of op.params) params[p.name] = { in: p.in, value: validParam(op, p.name, fx) };
      if (m.where === "param" && !params[m.name]) params[m.name] = { in: "query", value: null };
      if (m.where === "param") params[m.name]!.value = m.drop ? null : m.value;
      let path = op.path;
      const query = new URLSearchParams();
      const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
      for (const [name, p] of Object.entries(params)) {
        if (p.in === "path") path = path.replace(`{${name}}`, encodeSegment(p.value ?? ""));
        else if (p.in === "query" && p.value !== null) query.set(name, p.value);
        else if (p.in === "header" && p.value !== null) {
          // Header values must be ByteStrings on the wire; keep what HTTP can carry.
          headers[name] = p.value.replace(/[^\t\x20-\x7e]/g, "?").slice(0, 4000);
        }
      }
      const url = `${SEC.baseUrl}${path}${query.size ? `?${query}` : ""}`;
      let body: Buffer | FormData | undefined;
      let shown = "";
      if (m.where === "rawBody") {
        body = Buffer.from(m.text, "utf8");
        headers["content-type"] = m.contentType;
        shown = m.text;
      } else if (op.body && multipart) {
        const valid = validBody(op, doc, fx) as Record<string, unknown>;
        const form = new FormData();
        const fields = Object.keys(valid);
        const target = m.where === "body" ? fields[pick % fields.length] : undefined;
        for (const name of fields) {
          if (name === target && m.where === "body") {
            if (m.drop) continue;
            // A file field gets text, random bytes or the photo; a text field the hostile value.
            if (name === "image")
              form.append(name, pick % 3 === 0 ? new Blob([randomBytes(pick % 4000)]) : String(m.value));
            else form.append(name, String(m.value));
          } else if (name === "image") {
            form.append(name, new Blob([new Uint8Array(jpeg)], { type: "image/jpeg" }), "me.jpg");
          } else form.append(name, String(valid[name]));
        }
        body = form;
        shown = `multipart: ${target ?? "-"} = ${JSON.stringify(m.where === "body" ? m.value : "").slice(0, 300)}`;
      } else if (op.body) {
        const valid = validBody(op, doc, fx);
        let value = valid;
        if (m.where === "body") {
          const all = pointers(valid);
          const target = all[pick % all.length]!;
          value = replaceAt(valid, target, m.value, m.drop && target !== "");
        }
        shown = JSON.stringify(value) ?? "";
        body = Buffer.from(shown, "utf8");
        headers["content-type"] = "application/json";
      }
      const response = await send(url, { method: op.method, headers, body, from: newClientAddress() });
      counts[label]!.requests++;
      const shedding =
        response.status === 503 && /"BUSY"/.test(response.text) && response.headers["retry-after"];
      if (response.status >= 500 && !shedding) counts[label]!.fivexx++;
      expect(
        response.status < 500 || Boolean(shedding),
        `${response.status} ${response.text.slice(0, 300)}\nfor ${describeRequest({ method: op.method, url, headers, body: shown })}`,
      ).toBe(true);
    }),
    {
      numRuns: examples.length + (multipart ? RUNS_WITH_IMAGES : RUNS),
      interruptAfterTimeLimit: TIME_PER_OPERATION_MS,
      markInterruptAsFailure: false,
    },
  );
}

test.describe("fuzzing the REST API from its served OpenAPI document", () => {
  let doc: Schema;
  test.beforeAll(async () => {
    doc = (await (await fetch(`${SEC.baseUrl}/api/v1/openapi.json`)).json()) as Schema;
  });
  test("every operation is fuzzed", async () => {
    for (const op of operations(doc)) await fuzzOperation(op, doc);
    const fuzzed = Object.keys(counts);
    expect(fuzzed.length).toBe(operations(doc).length);
  });
});

// ---- server actions, from the build's server-reference manifest -----------------------------

/** Valid fields of each action: the fuzzer replaces or drops one of them, or adds a stranger. */
const ACTION_FIELDS: Record<
  string,
  (fx: Fixture & { memberId: string }) => Record<string, string> | unknown[]
> = {
  createIdentityAction: () => ({
    externalId: `FZ-${randomBytes(3).toString("hex")}`,
    displayName: "Fuzz",
    email: "",
    notes: "",
  }),
  updateIdentityAction: (fx) => ({
    id: fx.identityId,
    externalId: fx.externalId,
    displayName: "Fuzz",
    email: "",
    notes: "",
  }),
  deleteIdentityAction: (fx) => ({ id: fx.identityId }),
  uploadPortraitAction: (fx) => ({ id: fx.identityId, doNotStore: "on", skipQualityCheck: "on" }),
  issueLinkAction: (fx) => ({ id: fx.identityId, expiresInHours: "24", requireApproval: "on" }),
  revokeLinkAction: (fx) => ({ id: fx.identityId }),
  decideApprovalsAction: (fx) => ({ decision: "reject", ids: fx.requestId, reason: "OTHER" }),
  loadViewerAction: (fx) => [fx.requestId],
  searchByFaceAction: () => ({ limit: "5" }),
  signOutAction: () => [],
  changePasswordAction: () => ({
    currentPassword: SEC.password,
    newPassword: SEC.password,
    confirmPassword: SEC.password,
  }),
  loginAction: () => ({ email: "nobody@e2e.test", password: "wrong-password" }),
  setupAction: () => ({
    organizationName: "Fuzz Org",
    name: "x",
    email: "fuzz@e2e.test",
    password: "long-enough-password",
  }),
  createApiKeyAction: () => ({ name: "fuzz key" }),
  revokeApiKeyAction: () => ({ id: "00000000-0000-4000-8000-000000000000" }),
  addMemberAction: () => ({
    email: `fz-${randomBytes(3).toString("hex")}@e2e.test`,
    name: "Fz",
    role: "reviewer",
    password: "long-enough-password",
  }),
  changeMemberRoleAction: (fx) => ({ userId: fx.memberId, role: "reviewer" }),
  setMemberDisabledAction: (fx) => ({ userId: fx.memberId, disabled: "false" }),
  saveQualityThresholdsAction: () => ({ minShortSidePx: "" }),
  previewCampaignAction: (fx) => ({ mode: "ids", ids: fx.identityId }),
  createCampaignAction: (fx) => ({
    mode: "ids",
    ids: fx.identityId,
    name: "FUZZ wave",
    locale: "en",
    expiresInHours: "24",
    requireApproval: "on",
  }),
  remindCampaignAction: (fx) => ({ id: fx.campaignId }),
  newLinkContextAction: (fx) => ({ id: fx.requestId }),
  rejectWithNewLinkAction: (fx) => ({ id: fx.requestId, reason: "FACE_NOT_CLEAR", locale: "ja", note: "" }),
};
const WITH_IMAGE = new Set(["uploadPortraitAction", "searchByFaceAction"]);

async function fuzzOwner(): Promise<{ email: string; cookie: () => Promise<string> }> {
  const email = `fuzz-owner-${randomBytes(4).toString("hex")}@e2e.test`;
  const [user] = await sql<{ id: string }[]>`insert into users (email, password_hash)
    select ${email}, password_hash from users where email = ${SEC.users.ownerA} returning id`;
  await sql`insert into memberships (organization_id, user_id, role) values (${seed().orgA}, ${user!.id}, 'owner')`;
  let cached = "";
  const signIn = async () => {
    // The fuzzer may have ended the session or changed the password: put the seeded one back.
    await sql`update users set password_hash = (select password_hash from users where email = ${SEC.users.ownerA}),
              disabled_at = null where id = ${user!.id}`;
    await sql`delete from rate_limits where key like ${"%" + email + "%"} or key like ${`password:user:${user!.id}`}`;
    const csrf = await fetch(`${SEC.baseUrl}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await fetch(`${SEC.baseUrl}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: cookiesOf(csrf),
        origin: SEC.baseUrl,
      },
      body: new URLSearchParams({ csrfToken, email, password: SEC.password, callbackUrl: SEC.baseUrl }),
    });
    cached = cookiesOf(response);
    if (!cached.includes("session-token"))
      throw new Error(`fuzz owner could not sign in: ${response.status}`);
  };
  return {
    email,
    cookie: async () => {
      const still = await sql<
        { ok: boolean }[]
      >`select (disabled_at is null) as ok from users where id = ${user!.id}`;
      if (!cached || !still[0]?.ok) await signIn();
      return cached;
    },
  };
}

test.describe("fuzzing every server action of the build", () => {
  test("no action answers 5xx or falls into its unexpected-error branch", async () => {
    const owner = await fuzzOwner();
    const [member] = await sql<
      { id: string }[]
    >`insert into users (email, password_hash) values (${`fz-member-${randomBytes(4).toString("hex")}@e2e.test`}, 'x') returning id`;
    await sql`insert into memberships (organization_id, user_id, role) values (${seed().orgA}, ${member!.id}, 'reviewer')`;
    const jpeg = await frontalJpeg();
    const names = new Set<string>();
    for (const [id, action] of Object.entries(builtActions())) {
      const name = action.exportedName!;
      names.add(name);
      const fields = ACTION_FIELDS[name];
      expect(fields, `no fuzz fields for ${name}`).toBeDefined();
      const page = pageFor(Object.keys(action.workers), "00000000-0000-4000-8000-000000000000");
      const label = `action ${name}`;
      counts[label] = { requests: 0, fivexx: 0 };
      const sample = fields!({ ...(await fixtures()), memberId: member!.id });
      const slots = Array.isArray(sample)
        ? Math.max(1, sample.length)
        : Object.keys(sample).length + (WITH_IMAGE.has(name) ? 1 : 0);
      const examples: [string, number, "replace" | "drop" | "add"][] = [];
      for (let slot = 0; slot < slots; slot++) {
        for (const value of HOSTILE_CORE) examples.push([value, slot, "replace"]);
        examples.push(["", slot, "drop"]);
      }
      examples.push(["\u0000", 0, "add"]);
      await fc.assert(
        fc.asyncProperty(
          hostileStrings,
          fc.nat(),
          fc.constantFrom("replace", "drop", "add"),
          async (value, pick, how) => {
            const fx = { ...(await fixtures()), memberId: member!.id };
            const valid = fields!(fx);
            let args: { form: Record<string, string | Blob> } | { json: unknown[] };
            if (Array.isArray(valid)) {
              const json = [...valid];
              if (how === "add" || json.length === 0) json.push(value);
              else if (how === "drop") json.pop();
              else json[pick % json.length] = value;
              args = { json };
            } else {
              const form: Record<string, string | Blob> = { ...valid };
              if (WITH_IMAGE.has(name)) form.image = new Blob([new Uint8Array(jpeg)], { type: "image/jpeg" });
              const keys = Object.keys(form);
              const target = keys[pick % keys.length]!;
              if (how === "add") form[`x${pick % 5}`] = value;
              else if (how === "drop") delete form[target];
              else
                form[target] = target === "image" && pick % 2 ? new Blob([randomBytes(pick % 3000)]) : value;
              args = { form };
            }
            const signedOut = name === "loginAction" || name === "setupAction";
            const response = await callAction(
              id,
              page,
              args,
              signedOut ? {} : { cookie: await owner.cookie() },
            );
            counts[label]!.requests++;
            const broken =
              (response.status >= 500 && !(response.status === 503 && /BUSY/.test(response.text))) ||
              /"code":"INTERNAL"/.test(response.text);
            if (broken) counts[label]!.fivexx++;
            expect(
              broken,
              `${response.status} ${response.text.slice(0, 400)}\nfor ${name} ${JSON.stringify(args, (_k, v) => (v instanceof Blob ? `<${v.size} bytes>` : v)).slice(0, 1500)}`,
            ).toBe(false);
          },
        ),
        {
          examples,
          numRuns: examples.length + (WITH_IMAGE.has(name) ? RUNS_WITH_IMAGES : Math.ceil(RUNS / 4)),
          interruptAfterTimeLimit: TIME_PER_OPERATION_MS / 2,
          markInterruptAsFailure: false,
        },
      );
    }
    expect([...names].sort()).toEqual(Object.keys(ACTION_FIELDS).sort());
    await sql`update organizations set quality_thresholds = '{}'::jsonb where id = ${seed().orgA}`;
    await sql`delete from rate_limits where key = ${`members:add:${seed().orgA}`}`;
  });
});

let startedAt = "";
test.beforeAll(async () => {
  startedAt = (await sql<{ now: string }[]>`select now()::text as now`)[0]!.now;
});

test.afterAll(async () => {
  // Thousands of fixtures (identities, pending requests, campaigns): leave org A as the other
  // specs expect it. (The suite runs one file at a time: every campaign since the start is ours.)
  await sql`delete from campaigns where organization_id = ${seed().orgA} and created_at >= ${startedAt}::timestamptz`;
  await sql`delete from identities where organization_id = ${seed().orgA}
            and (external_id like 'FUZZ-%' or external_id like 'FZ-%')`;
  await sql`update organizations set quality_thresholds = '{}'::jsonb where id = ${seed().orgA}`;
  const rows = Object.entries(counts).map(
    ([op, c]) => `${op.padEnd(48)} ${String(c.requests).padStart(5)} requests, ${c.fivexx} × 5xx`,
  );
  console.log(`fuzzed:\n${rows.join("\n")}`);
});
