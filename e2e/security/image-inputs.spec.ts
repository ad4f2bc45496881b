import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { IMAGE_INPUTS, orientationDiffs, type ImageInput } from "@/test/image-inputs";
import { SEC } from "./env";
import { callAction, pageFor, seed, signIn, sql } from "./http";
import { arrangeLink, linkUsed, portraitsOf } from "./links";
import { newClientAddress, send } from "./net";

/**
 * Every kind of image a person or an admin could send (test/image-inputs.ts), through the three
 * doors of the production build: the phone's upload route, the admin's "upload portrait" server
 * action and the REST API. Each gets the same decision at every door: accepted (and stored upright),
 * or refused with the same code, a 4xx and a plain message in English and Japanese, nothing written.
 * After all of them, no half-written row (`npm run admin -- check-consistency`).
 */

test.describe.configure({ timeout: 120_000 });

type Answer = { status: number; code: string; en: string; ja: string };
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

const manifest = JSON.parse(
  readFileSync(join(process.env.NEXT_DIST_DIR || ".next", "server/server-reference-manifest.json"), "utf8"),
) as { node: Record<string, { workers: Record<string, unknown>; exportedName?: string }> };
const [actionId, actionEntry] = Object.entries(manifest.node).find(
  ([, a]) => a.exportedName === "uploadPortraitAction",
)!;

async function newIdentity(tag: string): Promise<string> {
  const [row] = await sql<
    { id: string }[]
  >`insert into identities (organization_id, external_id, display_name)
    values (${seed().orgA}, ${`${tag}-${randomBytes(5).toString("hex")}`}, 'Image input') returning id`;
  return row!.id;
}

const form = (input: ImageInput, bytes: Buffer) => {
  const body = new FormData();
  body.append("image", new Blob([new Uint8Array(bytes)], { type: input.type }), input.fileName);
  return body;
};

/** The phone's door: POST /api/public/uploads/{token}, from an address of its own. */
async function viaPhone(input: ImageInput, bytes: Buffer) {
  const { identityId, token } = await arrangeLink("IMG", "Image input");
  const r = await send(`${SEC.baseUrl}/api/public/uploads/${token}`, {
    method: "POST",
    body: form(input, bytes),
    from: newClientAddress(),
  });
  const body = JSON.parse(r.text) as {
    code?: string;
    message?: string;
    report?: { primary?: { messageJa?: string } };
  };
  const answer: Answer = {
    status: r.status,
    code: body.code ?? "",
    en: body.message ?? "",
    ja: body.report?.primary?.messageJa ?? "",
  };
  return {
    answer,
    identityId,
    written: async () => (await linkUsed(token)) || (await portraitsOf(identityId)) > 0,
  };
}

/** The integration's door: PUT /api/v1/identities/{id}/portrait with an API key. */
async function viaApi(input: ImageInput, bytes: Buffer) {
  const identityId = await newIdentity("IMG-API");
  const response = await fetch(`${SEC.baseUrl}/api/v1/identities/${identityId}/portrait`, {
    method: "PUT",
    headers: { authorization: `Bearer ${seed().apiKeyA}` },
    body: form(input, bytes),
  });
  const text = await response.text();
  const body = JSON.parse(text) as {
    code?: string;
    detail?: string;
    report?: { primary?: { message?: string; messageJa?: string } };
  };
  const answer: Answer = {
    status: response.status,
    code: body.code ?? "",
    en: body.report?.primary?.message ?? body.detail ?? "",
    ja: body.report?.primary?.messageJa ?? "",
  };
  return { answer, identityId, written: async () => (await portraitsOf(identityId)) > 0 };
}

/** The action's state out of its RSC answer: the line that holds `"ok":`. */
function actionState(text: string): { ok?: boolean; code?: string; message?: string } {
  for (const line of text.split("\n")) {
    const json = line.slice(line.indexOf(":") + 1);
    if (!json.startsWith("{") || !json.includes('"ok":')) continue;
    return JSON.parse(json) as { ok?: boolean; code?: string; message?: string };
  }
  throw new Error(`no action state in ${text.slice(0, 300)}`);
}

/** The admin's door: the "upload portrait" server action, in English and (when refused) in Japanese. */
async function viaAction(input: ImageInput, bytes: Buffer) {
  const identityId = await newIdentity("IMG-ACT");
  const call = async (locale: "en" | "ja") => {
    const response = await callAction(
      actionId,
      pageFor(Object.keys(actionEntry.workers), identityId),
      {
        form: {
          id: identityId,
          image: new File([new Uint8Array(bytes)], input.fileName, { type: input.type }),
        },
      },
      { cookie: `${await signIn(SEC.users.adminA)}; locale=${locale}` },
    );
    return { status: response.status, state: actionState(response.text) };
  };
  const en = await call("en");
  const ja = en.state.ok ? en : await call("ja");
  const answer: Answer = {
    status: en.status,
    code: en.state.ok ? "" : (en.state.code ?? ""),
    en: en.state.ok ? "" : (en.state.message ?? ""),
    ja: ja.state.ok ? "" : (ja.state.message ?? ""),
  };
  return {
    answer,
    identityId,
    ok: en.state.ok === true,
    written: async () => (await portraitsOf(identityId)) > 0,
  };
}

/** The stored image and thumbnail look like the upright reference, not mirrored or upside down. */
async function expectUpright(
  identityId: string,
  reference: { image: Buffer; thumbnail: Buffer },
  label: string,
) {
  const [row] = await sql<{ image: Buffer; thumbnail: Buffer }[]>`
    select image, thumbnail from portraits where identity_id = ${identityId}`;
  expect(row?.image, label).toBeTruthy();
  for (const which of ["image", "thumbnail"] as const) {
    const { same, mirrored, upsideDown } = await orientationDiffs(row![which], reference[which]);
    expect(same, `${label}: ${which} like the upright photo`).toBeLessThan(20);
    expect(same, `${label}: ${which} far closer to upright than mirrored`).toBeLessThan(mirrored / 2);
    expect(same, `${label}: ${which} far closer to upright than upside down`).toBeLessThan(upsideDown / 2);
  }
}

let reference: { image: Buffer; thumbnail: Buffer };

test.beforeAll(async () => {
  const upright = IMAGE_INPUTS.find((i) => i.name === "progressive JPEG")!;
  const { answer, identityId } = await viaApi(upright, await upright.bytes());
  expect(answer.status).toBe(200);
  const [row] = await sql<{ image: Buffer; thumbnail: Buffer }[]>`
    select image, thumbnail from portraits where identity_id = ${identityId}`;
  reference = row!;
});

for (const input of IMAGE_INPUTS) {
  test(`${input.name}: the same decision through the phone, the action and the API`, async () => {
    const bytes = await input.bytes();
    // Each phone upload is a new client; the per-address limit is not what is tested here.
    const doors = {
      phone: await viaPhone(input, bytes),
      action: await viaAction(input, bytes),
      api: await viaApi(input, bytes),
    };
    for (const [door, { answer }] of Object.entries(doors))
      console.log(`| ${input.name} | ${door} | ${answer.status} ${answer.code} |`);
    for (const [door, { answer, identityId, written }] of Object.entries(doors)) {
      const label = `${input.name} via ${door}: ${JSON.stringify(answer)}`;
      expect(answer.status, label).toBeLessThan(500);
      if (input.expect === "accepted") {
        if (door === "action") expect(doors.action.ok, label).toBe(true);
        else expect(answer.status, label).toBe(200);
        await expectUpright(identityId, reference, label);
      } else {
        if (door !== "action") expect(answer.status, label).toBe(input.expect.status);
        expect(answer.code, label).toBe(input.expect.code);
        expect(answer.en, label).toMatch(/^[A-Z][^\u3040-\u9fff]*\.$/);
        expect(answer.ja, label).toMatch(JAPANESE);
        expect(await written(), `${label}: nothing written`).toBe(false);
      }
    }
  });
}

test("the admin's form sent with no file chosen still asks for a photo (not IMAGE_UNREADABLE)", async () => {
  const identityId = await newIdentity("IMG-ACT");
  // What a browser sends for an empty file input: a part with an empty file name and no bytes
  // (undici's FormData would leave the file name out altogether, so the body is written here).
  const boundary = `----image-inputs-${randomBytes(6).toString("hex")}`;
  const part = (headers: string, value: string) => `--${boundary}\r\n${headers}\r\n\r\n${value}\r\n`;
  const body =
    part('Content-Disposition: form-data; name="_1_id"', identityId) +
    part(
      'Content-Disposition: form-data; name="_1_image"; filename=""\r\nContent-Type: application/octet-stream',
      "",
    ) +
    part('Content-Disposition: form-data; name="0"', JSON.stringify(["$undefined", "$K1"])) +
    `--${boundary}--\r\n`;
  const response = await fetch(`${SEC.baseUrl}${pageFor(Object.keys(actionEntry.workers), identityId)}`, {
    method: "POST",
    headers: {
      "next-action": actionId,
      accept: "text/x-component",
      origin: SEC.baseUrl,
      "content-type": `multipart/form-data; boundary=${boundary}`,
      cookie: `${await signIn(SEC.users.adminA)}; locale=en`,
    },
    body,
  });
  const state = actionState(await response.text()) as {
    ok?: boolean;
    code?: string;
    errors?: { image?: string[] };
  };
  expect(state.ok, JSON.stringify(state)).toBe(false);
  expect(state.code, JSON.stringify(state)).toBeUndefined();
  expect(state.errors?.image).toEqual(["Choose a photo."]);
  expect(await portraitsOf(identityId)).toBe(0);
});

test("search by face (the console's other photo door) refuses a file in the console's language too", async () => {
  const [id, entry] = Object.entries(manifest.node).find(([, a]) => a.exportedName === "searchByFaceAction")!;
  for (const name of ["SVG with a script", "truncated JPEG", "zero bytes"]) {
    const input = IMAGE_INPUTS.find((i) => i.name === name)!;
    if (input.expect === "accepted") throw new Error(`${name} is accepted`);
    const image = new File([new Uint8Array(await input.bytes())], input.fileName, { type: input.type });
    const response = await callAction(
      id,
      pageFor(Object.keys(entry.workers), "x"),
      { form: { image, limit: "5" } },
      { cookie: `${await signIn(SEC.users.adminA)}; locale=ja` },
    );
    const state = actionState(response.text);
    expect(state.code, name).toBe(input.expect.code);
    expect(state.message, name).toMatch(JAPANESE);
  }
});

test("no half-written rows after every image through every door", () => {
  const out = execFileSync(
    "npx",
    ["tsx", "--conditions=react-server", "scripts/admin.ts", "check-consistency"],
    {
      env: { ...process.env, DATABASE_URL: SEC.databaseUrl },
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  expect(out).toContain("no half-written rows");
});
