import { readFileSync } from "node:fs";
import { join } from "node:path";
import postgres from "postgres";
import { SEC, type SecuritySeed } from "./env";

/** Direct database access for arranging rows and checking effects (the server's own database). */
// Short idle timeout: no pooled connection outlives the PostgreSQL restart in faults.spec.ts.
export const sql = postgres(SEC.databaseUrl, { max: 2, idle_timeout: 1, onnotice: () => {} });
export const seed = (): SecuritySeed => JSON.parse(readFileSync(SEC.seedFile, "utf8"));

export type ActorName = "signedOut" | "reviewer" | "admin" | "owner" | "apiKey";
export type Scope = "own" | "other";

const sessions = new Map<string, string>();

/** Signs in through next-auth's credentials endpoint and returns the Cookie header. */
export async function signIn(email: string): Promise<string> {
  const cached = sessions.get(email);
  if (cached) return cached;
  const csrfResponse = await fetch(`${SEC.baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = cookiesOf(csrfResponse);
  const response = await fetch(`${SEC.baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, origin: SEC.baseUrl },
    body: new URLSearchParams({ csrfToken, email, password: SEC.password, callbackUrl: SEC.baseUrl }),
  });
  const cookie = cookiesOf(response);
  if (!cookie.includes("session-token")) throw new Error(`sign-in failed for ${email}: ${response.status}`);
  sessions.set(email, cookie);
  return cookie;
}
/** Forget a cached session (after signing out or changing the password ends it). */
export const forgetSession = (email: string) => sessions.delete(email);

export function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((c) => !c.endsWith("="))
    .join("; ");
}

/** Who is calling: the Cookie or Authorization header for one actor of org A (own) or org B (other). */
export async function credentialsFor(
  actor: ActorName,
  scope: Scope,
): Promise<{ headers: Record<string, string>; email?: string }> {
  const s = seed();
  if (actor === "signedOut") return { headers: {} };
  if (actor === "apiKey")
    return { headers: { authorization: `Bearer ${scope === "own" ? s.apiKeyA : s.apiKeyB}` } };
  const key = `${actor}${scope === "own" ? "A" : "B"}` as keyof typeof SEC.users;
  const email = SEC.users[key];
  return { headers: { cookie: await signIn(email) }, email };
}

/**
 * Calls a server action the way React's client does: `Next-Action: <id>` and the arguments encoded
 * by encodeReply — a form's fields as `_1_<name>` parts referenced by `$K1`, other arguments as JSON.
 */
export async function callAction(
  id: string,
  page: string,
  args: { form: Record<string, string | Blob> } | { json: unknown[] },
  headers: Record<string, string | undefined>,
): Promise<{ status: number; text: string; headers: Headers }> {
  let body: BodyInit;
  if ("form" in args) {
    const form = new FormData();
    for (const [k, v] of Object.entries(args.form)) form.append(`_1_${k}`, v);
    // Last, as React sends it: the server resolves `$K1` from the parts that came before the root.
    form.append("0", JSON.stringify(["$undefined", "$K1"]));
    body = form;
  } else {
    body = JSON.stringify(args.json);
  }
  const merged: Record<string, string> = {
    "next-action": id,
    accept: "text/x-component",
    origin: SEC.baseUrl,
  };
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) delete merged[k];
    else merged[k] = v;
  }
  const response = await fetch(`${SEC.baseUrl}${page}`, {
    method: "POST",
    headers: merged,
    body,
    redirect: "manual",
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/**
 * A page that loads a server action, from the build's worker names (app/(admin)/x/page → /x): one
 * without a dynamic segment when there is one, else the first with each [segment] filled with `id`.
 */
export function pageFor(workers: string[], id: string): string {
  const paths = workers.map(
    (w) =>
      w
        .replace(/^app/, "")
        .replace(/\/\([^)]+\)/g, "")
        .replace(/\/page$/, "") || "/",
  );
  return (paths.find((p) => !p.includes("[")) ?? paths[0]!).replace(/\[[^\]]+\]/g, id);
}

export interface BuiltAction {
  workers: Record<string, unknown>;
  filename?: string;
  exportedName?: string;
}

/** The build's server actions by id, from its server-reference manifest. */
export function builtActions(): Record<string, BuiltAction> {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const manifest = JSON.parse(
    readFileSync(join(distDir, "server/server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, BuiltAction>;
  };
  return manifest.node;
}

/** One server action of the build by its exported name: its id and a page that loads it. */
export function builtAction(name: string, id = ""): { id: string; page: string } {
  const found = Object.entries(builtActions()).find(([, a]) => a.exportedName === name);
  if (!found) throw new Error(`no server action ${name} in the build`);
  return { id: found[0], page: pageFor(Object.keys(found[1].workers), id) };
}
