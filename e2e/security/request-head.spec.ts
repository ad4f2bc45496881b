import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { computeCacheBustingSearchParam } from "next/dist/shared/lib/router/utils/cache-busting-search-param.js";
import { SEC } from "./env";
import { builtAction, seed, signIn, sql } from "./http";
import { send, type RawResponse } from "./net";

/**
 * Request heads a reviewer's own checks send to `next start` and that reached Next.js or Auth.js
 * unrefused, which answered 500 (scripts/patch-next.mjs, patches 2 and 3): the TRACE method, a Host,
 * X-Forwarded-Host or X-Forwarded-Proto no URL can be made of, an RSC request whose router state
 * header does not parse, and a Server Action from another site or with an Origin that is not a URL.
 * Each is a 4xx with its own words now, on every page and route listed; ordinary values still work.
 * Bounded by count (a few hundred requests); each failure names the request.
 */
const id = randomUUID();
const PAGES = [
  "/",
  "/login",
  "/setup",
  "/forbidden",
  "/identities",
  `/identities/${id}`,
  "/approvals",
  "/audit",
  "/search",
  "/account",
  "/settings",
  "/campaigns",
  `/campaigns/${id}`,
  "/upload/upl_unknown",
  "/no-such-page",
];
const ROUTES = [
  "/audit/export",
  `/api/portraits/${id}/thumb`,
  `/api/approvals/${id}/upload`,
  "/api/auth/session",
  "/api/auth/csrf",
  "/api/health",
  "/api/public/uploads/upl_unknown",
  "/api/v1/identities",
  `/api/v1/campaigns/${id}/members`,
  "/api/v1/openapi.json",
];
const url = (path: string) => `${SEC.baseUrl}${path}`;
const show = (what: string, r: RawResponse) => `${what} → ${r.status} ${r.text.slice(0, 200)}`;

async function callerHeaders(path: string): Promise<Record<string, string>> {
  if (path.startsWith("/api/v1")) return { authorization: `Bearer ${seed().apiKeyA}` };
  return { cookie: await signIn(SEC.users.adminA) };
}

// (TRACK never reaches the app: Node's HTTP parser refuses it with 400.)
test("TRACE answers 405 on every page and route, never 500", async () => {
  for (const path of [...PAGES, ...ROUTES]) {
    const r = await send(url(path), { method: "TRACE", headers: await callerHeaders(path) });
    expect(r.status, show(`TRACE ${path}`, r)).toBe(405);
    expect(r.text).toBe("Method Not Allowed.");
    expect(r.headers.allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
  }
  console.log(`TRACE: ${PAGES.length + ROUTES.length} requests, all 405`);
});

const BAD_HEADS: Record<string, string>[] = [
  { host: "[::1" },
  { host: "a b" },
  { "x-forwarded-host": "[::1" },
  { "x-forwarded-host": "evil.example, other.example" },
  { "x-forwarded-host": "evil.example/path" },
  { "x-forwarded-proto": "" },
  { "x-forwarded-proto": "https,http" },
  { "x-forwarded-proto": "gopher" },
];

test("a Host, X-Forwarded-Host or X-Forwarded-Proto no URL can be made of is 400 everywhere; ordinary ones still work", async () => {
  let sent = 0;
  for (const path of [...PAGES, ...ROUTES]) {
    const caller = await callerHeaders(path);
    for (const head of BAD_HEADS) {
      const r = await send(url(path), { headers: { ...caller, ...head } });
      sent++;
      expect(r.status, show(`GET ${path} ${JSON.stringify(head)}`, r)).toBe(400);
      expect(r.text).toMatch(/^Bad Request: invalid (host|x-forwarded-host|x-forwarded-proto) header\.$/);
    }
  }
  // What a reverse proxy in front sends: the page renders for the signed-in admin.
  const cookie = await signIn(SEC.users.adminA);
  const ordinary: Record<string, string>[] = [
    { "x-forwarded-host": `localhost:${SEC.port}`, "x-forwarded-proto": "http" },
    { host: `LOCALHOST:${SEC.port}` },
    { host: `[::1]:${SEC.port}` },
  ];
  for (const head of ordinary) {
    const r = await send(url("/identities"), { headers: { cookie, ...head } });
    expect(r.status, show(`GET /identities ${JSON.stringify(head)}`, r)).toBe(200);
  }
  console.log(`bad request heads: ${sent} requests, all 400`);
});

const BAD_TREES = [
  "garbage",
  "%ZZ",
  encodeURIComponent("{}"),
  encodeURIComponent('["",{"children":null}]'),
  encodeURIComponent("[".repeat(3000)),
];

test("an RSC request whose router state header does not parse is 400 on every page; a valid one renders", async () => {
  const cookie = await signIn(SEC.users.adminA);
  let sent = 0;
  const rsc = async (path: string, tree: string, prefetch?: "1" | "2") => {
    const hash = await computeCacheBustingSearchParam(prefetch, undefined, tree, undefined);
    const headers: Record<string, string> = { cookie, rsc: "1", "next-router-state-tree": tree };
    if (prefetch) headers["next-router-prefetch"] = prefetch;
    sent++;
    return send(url(`${path}?_rsc=${hash}`), { headers });
  };
  for (const path of PAGES)
    for (const tree of BAD_TREES)
      for (const prefetch of [undefined, "1", "2"] as const) {
        const r = await rsc(path, tree, prefetch);
        expect(r.status, show(`RSC ${path} tree=${tree.slice(0, 40)} prefetch=${prefetch}`, r)).toBe(400);
        expect(r.text).toBe("Bad Request: invalid next-router-state-tree header.");
      }
  const valid = encodeURIComponent(JSON.stringify(["", { children: ["__PAGE__", {}] }]));
  const r = await rsc("/identities", valid);
  expect(r.status, show("RSC /identities with a valid tree", r)).toBe(200);
  expect(r.headers["content-type"]).toContain("text/x-component");
  console.log(`router state trees: ${sent} requests`);
});

test("a Server Action from another site, or with an Origin that is not a URL, is 403 and never runs", async () => {
  const { id: actionId, page } = builtAction("loginAction");
  // A sign-in that would count against this address if it ran.
  const email = `origin-${randomUUID()}@e2e.test`;
  const form = () => {
    const body = new FormData();
    body.append("_1_email", email);
    body.append("_1_password", "wrong-password");
    body.append("0", JSON.stringify(["$undefined", "$K1"]));
    return body;
  };
  for (const origin of [
    "https://evil.example",
    "garbage",
    "null",
    "http://[::1",
    `${SEC.baseUrl}, https://evil.example`,
  ]) {
    for (const fetchAction of [true, false]) {
      const headers: Record<string, string> = { origin };
      if (fetchAction) Object.assign(headers, { "next-action": actionId, accept: "text/x-component" });
      const response = await fetch(url(page), { method: "POST", headers, body: form(), redirect: "manual" });
      const text = await response.text();
      const what = `${fetchAction ? "fetch action" : "form post"} Origin: ${origin}`;
      expect(response.status, `${what} → ${response.status} ${text.slice(0, 200)}`).toBe(403);
      expect(text).toBe("Cross-origin Server Action request refused.");
    }
  }
  const attempts = await sql<
    { n: number }[]
  >`select count(*)::int as n from rate_limits where key like ${`%${email}%`}`;
  expect(attempts[0]!.n, "the refused sign-ins never ran").toBe(0);
  // The same request from this site reaches the action (a wrong password is its own answer).
  const same = await fetch(url(page), {
    method: "POST",
    headers: { origin: SEC.baseUrl, "next-action": actionId, accept: "text/x-component" },
    body: form(),
    redirect: "manual",
  });
  expect(same.status, await same.text()).toBe(200);
  const counted = await sql<
    { n: number }[]
  >`select count(*)::int as n from rate_limits where key like ${`%${email}%`}`;
  expect(counted[0]!.n, "the same sign-in from this site ran").toBe(1);
});
