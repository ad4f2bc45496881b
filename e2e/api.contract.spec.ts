// Contract tests: every endpoint called over HTTP against the production build, and every response
// validated (by ajv, an independent JSON Schema 2020-12 validator) against the schema the served
// OpenAPI document declares for that status and content type. An undocumented status, content
// type or a body that does not match fails the test.
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { frontalJpeg } from "@/test/photos";
import { seededApiKeys } from "./api-keys";
import { uniqueSuffix } from "./helpers";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const EXPECTED_OPERATIONS = [
  "GET /api/v1/identities",
  "POST /api/v1/identities",
  "GET /api/v1/identities/{id}",
  "PATCH /api/v1/identities/{id}",
  "DELETE /api/v1/identities/{id}",
  "PUT /api/v1/identities/{id}/portrait",
  "POST /api/v1/upload-links",
  "DELETE /api/v1/upload-links/{identityId}",
  "GET /api/v1/approvals",
  "POST /api/v1/approvals/{id}/approve",
  "POST /api/v1/approvals/{id}/reject",
  "POST /api/v1/search",
  "POST /api/v1/campaigns",
  "GET /api/v1/campaigns",
  "GET /api/v1/campaigns/{id}",
  "GET /api/v1/campaigns/{id}/members",
  "POST /api/v1/campaigns/{id}/remind",
  "GET /api/v1/openapi.json",
];

const DOC_ID = "https://identity-manager.invalid/openapi.json";
let doc: Json;
let ajv: Ajv2020;
const covered = new Set<string>();

test.beforeAll(async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  doc = await response.json();
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("binary", true);
  // Component refs are "#/components/schemas/X": resolve them inside this resource.
  ajv.addSchema({ $id: DOC_ID, components: doc.components });
});

/** Asserts the response is documented for this operation and matches its schema. */
async function conforms(method: string, path: string, response: APIResponse): Promise<Json | null> {
  const operation = doc.paths[path]?.[method.toLowerCase()];
  expect(operation, `${method} ${path} is in the document`).toBeTruthy();
  const status = String(response.status());
  const documented = operation.responses[status];
  expect(documented, `${method} ${path} documents status ${status}`).toBeTruthy();
  covered.add(`${method} ${path} ${status}`);
  if (!documented.content) {
    expect(await response.body()).toHaveLength(0);
    return null;
  }
  const type = (response.headers()["content-type"] ?? "").split(";")[0]!;
  const media = documented.content[type];
  expect(media, `${method} ${path} ${status} documents ${type}`).toBeTruthy();
  const body = await response.json();
  const ref = media.schema.$ref as string | undefined;
  const validate = ref ? ajv.compile({ $ref: `${DOC_ID}${ref}` }) : ajv.compile(media.schema);
  const valid = validate(body);
  expect(
    valid,
    `${method} ${path} ${status} body matches its schema: ${JSON.stringify(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`,
  ).toBe(true);
  return body;
}

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

/**
 * Calls the API with `request`, each answer checked against the document (`template` is the
 * documented path of `url`).
 */
function documentedApi(request: APIRequestContext) {
  const send = async (
    method: string,
    template: string,
    url: string,
    options: Parameters<APIRequestContext["fetch"]>[1] = {},
  ) => {
    const response = await request.fetch(url, { method, ...options });
    return { response, body: await conforms(method, template, response) };
  };
  return {
    send,
    /** The status of a call (its body is still checked against the document). */
    statusOf: async (...args: Parameters<typeof send>) => (await send(...args)).response.status(),
    /**
     * A POST under an Idempotency-Key (in `headers`): the same body again replays `first`, the
     * answer to the first call; another body under the same key is refused.
     */
    async expectIdempotent(
      path: string,
      headers: Record<string, string>,
      body: Json,
      first: Json | null,
      otherBody: Json,
    ) {
      const replay = await send("POST", path, path, { headers, data: body });
      expect(replay.body).toEqual(first);
      const mismatch = await send("POST", path, path, { headers, data: otherBody });
      expect(mismatch.body!.code).toBe("IDEMPOTENCY_KEY_REUSED");
    },
  };
}

test("the document is OpenAPI 3.1 and lists every operation with its schemas", async () => {
  expect(doc.openapi).toBe("3.1.0");
  const listed = Object.entries(doc.paths as Json).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
  );
  expect(listed.sort()).toEqual([...EXPECTED_OPERATIONS].sort());
  for (const name of [
    "Identity",
    "IdentityPage",
    "IdentityCreate",
    "UploadLinkBatch",
    "UploadLinkBatchResult",
    "Problem",
    "PortraitResult",
    "CampaignCreate",
    "CampaignIssued",
    "CampaignDetail",
  ]) {
    expect(doc.components.schemas[name], name).toBeTruthy();
  }
  expect(doc.components.schemas.Problem.required).toEqual(
    expect.arrayContaining(["type", "title", "status", "code", "detail"]),
  );
});

test("every endpoint answers as documented", async ({ request }) => {
  test.setTimeout(120_000);
  const { send, statusOf, expectIdempotent } = documentedApi(request);
  const keys = seededApiKeys();
  const s = uniqueSuffix();
  const A = auth(keys.a);

  await send("GET", "/api/v1/openapi.json", "/api/v1/openapi.json");

  // Authentication and body handling.
  const anonymous = await send("GET", "/api/v1/identities", "/api/v1/identities");
  expect(anonymous.body).toMatchObject({ code: "UNAUTHORIZED" });
  const revokedShape = await send("GET", "/api/v1/identities", "/api/v1/identities", {
    headers: auth(`imk_${"x".repeat(43)}`),
  });
  expect(JSON.stringify(revokedShape.body)).toBe(JSON.stringify(anonymous.body));
  const plain = await send("POST", "/api/v1/identities", "/api/v1/identities", {
    headers: { ...A, "Content-Type": "text/plain" },
    data: "hello",
  });
  expect(plain.response.status()).toBe(415);
  const broken = await send("POST", "/api/v1/identities", "/api/v1/identities", {
    headers: { ...A, "Content-Type": "application/json" },
    data: Buffer.from("{oops"),
  });
  expect(broken.response.status()).toBe(400);
  const big = await send("POST", "/api/v1/identities", "/api/v1/identities", {
    headers: A,
    data: { externalId: `BIG-${s}`, displayName: "x", notes: "n".repeat(100_000) },
  });
  expect(big.response.status()).toBe(413);
  const invalid = await send("POST", "/api/v1/identities", "/api/v1/identities", {
    headers: A,
    data: { externalId: "", displayName: "" },
  });
  expect(invalid.response.status()).toBe(422);

  // Identities.
  const created = await send("POST", "/api/v1/identities", "/api/v1/identities", {
    headers: A,
    data: { externalId: `API-${s}`, displayName: `Api Person ${s}`, email: `api.${s}@example.com` },
  });
  expect(created.response.status()).toBe(201);
  const id = created.body!.id as string;
  const second = await send("POST", "/api/v1/identities", "/api/v1/identities", {
    headers: A,
    data: { externalId: `API2-${s}`, displayName: `Api Second ${s}` },
  });
  const duplicate = await send("POST", "/api/v1/identities", "/api/v1/identities", {
    headers: A,
    data: { externalId: `API-${s}`, displayName: "Dup" },
  });
  expect(duplicate.response.status()).toBe(409);
  const page = await send("GET", "/api/v1/identities", `/api/v1/identities?q=${s}&limit=1`, {
    headers: A,
  });
  expect(page.body!.items).toHaveLength(1);
  expect(page.body!.nextCursor).toBeTruthy();
  const next = await send(
    "GET",
    "/api/v1/identities",
    `/api/v1/identities?q=${s}&limit=1&cursor=${page.body!.nextCursor}`,
    { headers: A },
  );
  expect(next.body!.items[0].id).not.toBe(page.body!.items[0].id);
  await send("GET", "/api/v1/identities", "/api/v1/identities?limit=0", { headers: A });
  const byExt = await send("GET", "/api/v1/identities/{id}", `/api/v1/identities/ext:API-${s}`, {
    headers: A,
  });
  expect(byExt.body!.id).toBe(id);
  const patched = await send("PATCH", "/api/v1/identities/{id}", `/api/v1/identities/${id}`, {
    headers: A,
    data: { notes: "from the contract test" },
  });
  expect(patched.body!.notes).toBe("from the contract test");
  await send("PATCH", "/api/v1/identities/{id}", `/api/v1/identities/${id}`, {
    headers: A,
    data: { displayName: "" },
  });

  // Organization B's key sees none of it.
  const B = auth(keys.b);
  expect(await statusOf("GET", "/api/v1/identities/{id}", `/api/v1/identities/${id}`, { headers: B })).toBe(
    404,
  );
  expect(
    await statusOf("PATCH", "/api/v1/identities/{id}", `/api/v1/identities/${id}`, {
      headers: B,
      data: { notes: "x" },
    }),
  ).toBe(404);
  expect(
    await statusOf("DELETE", "/api/v1/identities/{id}", `/api/v1/identities/${id}`, { headers: B }),
  ).toBe(404);
  const crossBatch = await send("POST", "/api/v1/upload-links", "/api/v1/upload-links", {
    headers: B,
    data: { identities: [{ id }] },
  });
  expect(crossBatch.response.status()).toBe(422);
  expect(crossBatch.body!.errors[0]).toMatchObject({ index: 0, code: "IDENTITY_NOT_FOUND" });

  // Portrait.
  const photo = await frontalJpeg();
  const putPortrait = (
    multipart: Record<string, string | { name: string; mimeType: string; buffer: Buffer }>,
  ) =>
    send("PUT", "/api/v1/identities/{id}/portrait", `/api/v1/identities/${id}/portrait`, {
      headers: A,
      multipart,
    });
  const garbage = await putPortrait({
    image: { name: "x.jpg", mimeType: "image/jpeg", buffer: Buffer.from("not an image at all") },
  });
  expect(garbage.response.status()).toBe(415);
  expect(garbage.body!.report.accepted).toBe(false);
  const portrait = await putPortrait({
    image: { name: "me.jpg", mimeType: "image/jpeg", buffer: photo },
    storeImage: "true",
    qualityCheck: "true",
  });
  expect(portrait.response.status()).toBe(200);
  expect(portrait.body!.searchable).toBe(true);

  // Upload links: batch, idempotent replay, mismatch, unknown items, revoke.
  const batch = {
    identities: [{ id }, { externalId: `API2-${s}` }],
    options: { storeImage: false, qualityCheck: true, requireApproval: true },
    expiresInHours: 24,
  };
  const idem = { ...A, "Idempotency-Key": `contract-${s}` };
  const issued = await send("POST", "/api/v1/upload-links", "/api/v1/upload-links", {
    headers: idem,
    data: batch,
  });
  expect(issued.response.status()).toBe(201);
  expect(issued.body!.links.map((l: Json) => l.identityId)).toEqual([id, second.body!.id]);
  await expectIdempotent("/api/v1/upload-links", idem, batch, issued.body, {
    ...batch,
    expiresInHours: 48,
  });
  const unknown = await send("POST", "/api/v1/upload-links", "/api/v1/upload-links", {
    headers: A,
    data: { identities: [{ id }, { externalId: `NOPE-${s}` }] },
  });
  expect(unknown.body!.errors).toEqual([expect.objectContaining({ index: 1, pointer: "/identities/1" })]);
  const badKey = await send("POST", "/api/v1/upload-links", "/api/v1/upload-links", {
    headers: { ...A, "Idempotency-Key": "k".repeat(300) },
    data: batch,
  });
  expect(badKey.body!.code).toBe("IDEMPOTENCY_KEY_INVALID");
  const withLink = await send("GET", "/api/v1/identities/{id}", `/api/v1/identities/${id}`, {
    headers: A,
  });
  expect(withLink.body!.activeLinkExpiresAt).toBe(issued.body!.links[0].expiresAt);
  expect(
    await statusOf("DELETE", "/api/v1/upload-links/{identityId}", `/api/v1/upload-links/${id}`, {
      headers: B,
    }),
  ).toBe(404);
  expect(
    await statusOf("DELETE", "/api/v1/upload-links/{identityId}", `/api/v1/upload-links/${id}`, {
      headers: A,
    }),
  ).toBe(204);
  const again = await send("DELETE", "/api/v1/upload-links/{identityId}", `/api/v1/upload-links/${id}`, {
    headers: A,
  });
  expect(again.body!.code).toBe("NO_ACTIVE_LINK");

  // Approvals: a person uploads through their approval-required link, then the integration decides.
  const upload = async (url: string) => {
    const token = url.split("/upload/")[1]!;
    const response = await request.post(`/api/public/uploads/${token}`, {
      multipart: { image: { name: "me.jpg", mimeType: "image/jpeg", buffer: photo } },
    });
    expect(response.status()).toBe(200);
    expect((await response.json()).status).toBe("pending_approval");
  };
  const secondId = second.body!.id as string;
  await upload(issued.body!.links[1].url);
  const queue = await send("GET", "/api/v1/approvals", "/api/v1/approvals?status=pending", {
    headers: A,
  });
  const mine = queue.body!.items.find((i: Json) => i.identityId === secondId);
  expect(mine).toBeTruthy();
  expect(
    (await send("GET", "/api/v1/approvals", "/api/v1/approvals?status=pending", { headers: B })).body!.items,
  ).toEqual([]);
  expect(
    await statusOf("POST", "/api/v1/approvals/{id}/approve", `/api/v1/approvals/${mine.id}/approve`, {
      headers: B,
    }),
  ).toBe(404);
  const approved = await send(
    "POST",
    "/api/v1/approvals/{id}/approve",
    `/api/v1/approvals/${mine.id}/approve`,
    { headers: A },
  );
  expect(approved.body).toMatchObject({ status: "approved", identityId: secondId });
  const decidedTwice = await send(
    "POST",
    "/api/v1/approvals/{id}/reject",
    `/api/v1/approvals/${mine.id}/reject`,
    { headers: A },
  );
  expect(decidedTwice.body!.code).toBe("ALREADY_DECIDED");
  await send("GET", "/api/v1/approvals", "/api/v1/approvals?status=approved&limit=1", {
    headers: A,
  });
  await send("GET", "/api/v1/approvals", "/api/v1/approvals?status=rejected", { headers: A });
  const relink = await send("POST", "/api/v1/upload-links", "/api/v1/upload-links", {
    headers: A,
    data: { identities: [{ id: secondId }], options: { requireApproval: true } },
  });
  await upload(relink.body!.links[0].url);
  const queue2 = await send("GET", "/api/v1/approvals", "/api/v1/approvals", { headers: A });
  const next2 = queue2.body!.items.find((i: Json) => i.identityId === secondId);
  expect(
    (
      await send("POST", "/api/v1/approvals/{id}/reject", `/api/v1/approvals/${next2.id}/reject`, {
        headers: A,
      })
    ).body!.status,
  ).toBe("rejected");

  // Search by face: both identities now carry this face.
  const found = await send("POST", "/api/v1/search", "/api/v1/search", {
    headers: A,
    multipart: { image: { name: "q.jpg", mimeType: "image/jpeg", buffer: photo }, limit: "10" },
  });
  expect(found.body!.matches.map((m: Json) => m.identityId)).toEqual(expect.arrayContaining([id, secondId]));
  const foundInB = await send("POST", "/api/v1/search", "/api/v1/search", {
    headers: B,
    multipart: { image: { name: "q.jpg", mimeType: "image/jpeg", buffer: photo } },
  });
  expect(foundInB.body!.matches.map((m: Json) => m.identityId)).not.toContain(id);
  await send("POST", "/api/v1/search", "/api/v1/search", { headers: A, multipart: { limit: "3" } });

  // Campaigns: create (idempotent), list, read with counts, members by state, remind; B sees nothing.
  const wave = { name: `Contract wave ${s}`, locale: "en", identities: [{ id }, { id: secondId }] };
  const waveKey = { ...A, "Idempotency-Key": `wave-${s}` };
  const started = await send("POST", "/api/v1/campaigns", "/api/v1/campaigns", {
    headers: waveKey,
    data: wave,
  });
  expect(started.response.status()).toBe(201);
  expect(started.body!.links).toHaveLength(2);
  const campaignId = started.body!.campaign.id as string;
  await expectIdempotent("/api/v1/campaigns", waveKey, wave, started.body, {
    ...wave,
    name: "other",
  });
  const noMail = await send("POST", "/api/v1/campaigns", "/api/v1/campaigns", {
    headers: A,
    data: { ...wave, email: true },
  });
  expect(noMail.body!.code).toBe("EMAIL_NOT_CONFIGURED");
  const byMatch = await send("POST", "/api/v1/campaigns", "/api/v1/campaigns", {
    headers: A,
    data: { name: "Nobody", match: { q: `nobody-${s}` } },
  });
  expect(byMatch.body!.code).toBe("EMPTY_SELECTION");
  const campaignList = await send("GET", "/api/v1/campaigns", "/api/v1/campaigns?limit=1", {
    headers: A,
  });
  expect(campaignList.body!.items[0].id).toBe(campaignId);
  await send("GET", "/api/v1/campaigns", "/api/v1/campaigns?cursor=garbage", { headers: A });
  const detail = await send("GET", "/api/v1/campaigns/{id}", `/api/v1/campaigns/${campaignId}`, {
    headers: A,
  });
  expect(detail.body!.counts).toMatchObject({ issued: 2, not_uploaded: 2 });
  const people = await send(
    "GET",
    "/api/v1/campaigns/{id}/members",
    `/api/v1/campaigns/${campaignId}/members?state=not_uploaded&limit=1`,
    { headers: A },
  );
  expect(people.body!.items).toHaveLength(1);
  expect(people.body!.nextCursor).toBeTruthy();
  await send(
    "GET",
    "/api/v1/campaigns/{id}/members",
    `/api/v1/campaigns/${campaignId}/members?state=nonsense`,
    { headers: A },
  );
  const reminded = await send(
    "POST",
    "/api/v1/campaigns/{id}/remind",
    `/api/v1/campaigns/${campaignId}/remind`,
    { headers: A, data: {} },
  );
  expect(reminded.body!.links).toHaveLength(2);
  for (const [method, template, url] of [
    ["GET", "/api/v1/campaigns/{id}", `/api/v1/campaigns/${campaignId}`],
    ["GET", "/api/v1/campaigns/{id}/members", `/api/v1/campaigns/${campaignId}/members`],
    ["POST", "/api/v1/campaigns/{id}/remind", `/api/v1/campaigns/${campaignId}/remind`],
  ] as const) {
    const response = await send(method, template, url, {
      headers: B,
      ...(method === "POST" ? { data: {} } : {}),
    });
    expect(response.response.status()).toBe(404);
  }

  // Delete.
  expect(
    await statusOf("DELETE", "/api/v1/identities/{id}", `/api/v1/identities/${id}`, { headers: A }),
  ).toBe(204);
  expect(await statusOf("GET", "/api/v1/identities/{id}", `/api/v1/identities/${id}`, { headers: A })).toBe(
    404,
  );

  // Every operation was exercised, with at least one success.
  for (const operation of EXPECTED_OPERATIONS) {
    expect(
      [...covered].some((c) => c.startsWith(`${operation} 2`)),
      `${operation} answered 2xx at least once`,
    ).toBe(true);
  }
});
