import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { SEC } from "./env";
import sharp from "sharp";
import { builtAction, builtActions, callAction, forgetSession, pageFor, seed, signIn, sql } from "./http";

/**
 * Every server action of the build, called the way no React client calls it: a body React cannot
 * decode (`[`, `["$"]`, a reference to a part that is not there, a root that is not a list, more
 * than 1,000 arguments, a broken multipart body) or arguments of the wrong shape (a form action
 * given JSON, an id action given a form). The answer is a 4xx (Next's decoder, patched by
 * scripts/patch-next.mjs) or the action's own VALIDATION state, never a 5xx and never the action's
 * unexpected-error branch (code INTERNAL). Found by the fuzz suite: `["$"]` to signOutAction
 * answered 500. Bounded by count: fixed cases, then RUNS random argument lists per action.
 */

const RUNS = Number(process.env.FUZZ_RUNS_BODIES ?? 12);

test.describe.configure({ mode: "serial", timeout: 300_000 });

/** React's reply format marks references with a leading `$`; these point at nothing or at garbage. */
const DOLLAR_STRINGS = [
  "$",
  "$1",
  "$@1",
  "$Q1",
  "$W1",
  "$K1",
  "$h1",
  "$T",
  "$D",
  "$Dx",
  "$n",
  "$nx",
  "$Z",
  "$F1",
  "$B1",
  "$i1",
  "$l1",
  "$$",
  "$undefined",
  "$-0",
  "$NaN",
];

const RAW_BODIES: string[] = [
  "",
  "[",
  "[zxc]",
  "null",
  '"x"',
  "{}",
  "1",
  "[]",
  "[null]",
  "[{}]",
  '[[], {"a": "$"}]',
  JSON.stringify(Array.from({ length: 1001 }, () => 1)),
  "\u0000",
  ...DOLLAR_STRINGS.map((value) => JSON.stringify([value])),
  ...DOLLAR_STRINGS.map((value) => JSON.stringify(["$undefined", { value }])),
];

/** Multipart bodies: React's form encoding (`_1_<name>` parts, root "0") with the root or parts broken. */
function multipartBodies(): { body: BodyInit; contentType?: string }[] {
  const withRoot = (root: string | null, extra: Record<string, string> = {}) => {
    const form = new FormData();
    form.append("_1_name", "x");
    for (const [k, v] of Object.entries(extra)) form.append(k, v);
    if (root !== null) form.append("0", root);
    return { body: form };
  };
  return [
    withRoot(null),
    withRoot("["),
    withRoot('["$"]'),
    withRoot('["$undefined", "$K9"]'),
    withRoot('["$undefined", "$Q1"]', { "1": "[" }),
    withRoot('["$undefined", "$@1"]', { "1": "not json" }),
    withRoot('"x"'),
    withRoot(JSON.stringify(Array.from({ length: 1001 }, () => "$K1"))),
    { body: "--x\r\nnot a part\r\n--x--", contentType: "multipart/form-data; boundary=x" },
    { body: "garbage", contentType: "multipart/form-data; boundary=x" },
    { body: "garbage", contentType: "multipart/form-data" },
  ];
}

const argumentLists = fc.array(
  fc.oneof(
    fc.constantFrom(...DOLLAR_STRINGS),
    fc.string({ maxLength: 20 }).map((s) => `$${s}`),
    fc.string({ unit: "binary", maxLength: 20 }),
    fc.integer(),
    fc.constant(null),
    fc.dictionary(
      fc.string({ maxLength: 8 }),
      fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...DOLLAR_STRINGS)),
      {
        maxKeys: 3,
      },
    ),
  ),
  { maxLength: 4 },
);

async function post(
  id: string,
  page: string,
  body: BodyInit,
  contentType: string | undefined,
  cookie: string,
): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {
    "next-action": id,
    accept: "text/x-component",
    origin: SEC.baseUrl,
    cookie,
  };
  if (contentType) headers["content-type"] = contentType;
  else if (typeof body === "string") headers["content-type"] = "text/plain;charset=UTF-8";
  const response = await fetch(`${SEC.baseUrl}${page}`, {
    method: "POST",
    headers,
    body,
    redirect: "manual",
  });
  return { status: response.status, text: await response.text() };
}

test("no server action answers 5xx to a body it cannot decode or to arguments of the wrong shape", async () => {
  // A member of its own: signOutAction, when its body decodes, ends this member's sessions only.
  const email = `bodies-${randomBytes(4).toString("hex")}@e2e.test`;
  const [user] = await sql<{ id: string }[]>`insert into users (email, password_hash)
    select ${email}, password_hash from users where email = ${SEC.users.ownerA} returning id`;
  await sql`insert into memberships (organization_id, user_id, role) values (${seed().orgA}, ${user!.id}, 'owner')`;
  const actions = Object.entries(builtActions()).sort(
    ([, a], [, b]) => Number(a.exportedName === "signOutAction") - Number(b.exportedName === "signOutAction"),
  );
  expect(actions.length).toBeGreaterThan(20);
  let requests = 0;
  try {
    for (const [id, action] of actions) {
      const name = action.exportedName!;
      const page = pageFor(Object.keys(action.workers), "00000000-0000-4000-8000-000000000000");
      const check = async (body: BodyInit, contentType?: string) => {
        const cookie = await signIn(email);
        const response = await post(id, page, body, contentType, cookie);
        requests++;
        const shown = typeof body === "string" ? body.slice(0, 200) : "<multipart>";
        expect(response.status, `${name} ${shown}: ${response.text.slice(0, 300)}`).toBeLessThan(500);
        expect(response.text, `${name} ${shown}`).not.toMatch(/"code":"INTERNAL"/);
        if (name === "signOutAction") forgetSession(email);
      };
      for (const body of RAW_BODIES) await check(body);
      for (const { body, contentType } of multipartBodies()) await check(body, contentType);
      await fc.assert(
        fc.asyncProperty(argumentLists, async (args) => check(JSON.stringify(args))),
        { numRuns: RUNS },
      );
    }
  } finally {
    forgetSession(email);
    await sql`delete from memberships where user_id = ${user!.id}`;
    await sql`delete from users where id = ${user!.id}`.catch(() => {});
  }
  console.log(`action bodies: ${requests} requests to ${actions.length} actions, none 5xx`);
});

test("a malformed action body is refused with 400, an oversized one with 413, and the words say which", async () => {
  const { id, page } = builtAction("loginAction");
  for (const body of ["[", '["$"]', JSON.stringify(Array.from({ length: 1001 }, () => 1))]) {
    const response = await post(id, page, body, undefined, "");
    expect(response.status, body.slice(0, 40)).toBe(400);
    expect(response.text).toBe("Invalid Server Action request.");
  }
  // Over the limit (16 MB): refused by its declared length, before anything reads it.
  const tooLarge = await post(id, page, "a".repeat(17 * 1024 * 1024), undefined, "");
  expect(tooLarge.status).toBe(413);
  expect(tooLarge.text).toBe("Server Action body too large.");
  // Arguments that decode but are not the form the action reads: the action's own refusal.
  const response = await post(id, page, JSON.stringify(["$undefined", "not a form"]), undefined, "");
  expect(response.status).toBe(200);
  expect(response.text).toMatch(/"code":"VALIDATION"/);
});

test("an admin photo near the 15 MB limit reaches the action whole (the proxy's copy of a body is not cut at 10 MB)", async () => {
  const [identity] = await sql<
    { id: string }[]
  >`insert into identities (organization_id, external_id, display_name)
    values (${seed().orgA}, ${`BIG-${randomBytes(3).toString("hex")}`}, 'Big photo') returning id`;
  // Noise does not compress: 2,250 × 2,250 RGB is a 14.5 MB PNG.
  const side = 2250;
  const png = await sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
  expect(png.length).toBeGreaterThan(14 * 1024 * 1024);
  const { id, page } = builtAction("uploadPortraitAction", identity!.id);
  try {
    const response = await callAction(
      id,
      page,
      {
        form: {
          id: identity!.id,
          doNotStore: "on",
          skipQualityCheck: "on",
          image: new Blob([new Uint8Array(png)], { type: "image/png" }),
        },
      },
      { cookie: await signIn(SEC.users.ownerA) },
    );
    expect(response.status, response.text.slice(0, 300)).toBe(200);
    expect(response.text).toMatch(/"ok":true/);
  } finally {
    await sql`delete from identities where id = ${identity!.id}`;
  }
});
