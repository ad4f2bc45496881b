// Fixes defects of Next.js 16.4.6 that the fuzz suite (e2e/security/fuzz.spec.ts) and hostile HTTP
// checks (e2e/security/request-head.spec.ts) found: the production server answered a bare 500 to a
// client's bad request before any app code ran.
// Each patch is idempotent and fails loudly when the code no longer looks as expected (a new
// Next.js version: check whether upstream fixed it, then drop or update the patch).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const MARK = "/* identity-manager: patched */";
const NEXT_DIST = join(dirname(fileURLToPath(import.meta.url)), "..", "node_modules/next/dist");

/**
 * 1. A dynamic route segment that is not valid percent-encoded UTF-8 (`/api/v1/identities/%FF`,
 * `/upload/%ED%A0%80`) makes route.match() throw "failed to decode param" (upstream:
 * vercel/next.js#92527, fix proposed in #92557). As that fix does, such a segment matches no
 * dynamic route, so the request ends as 404.
 */
const undecodablePath = {
  files: ["server/lib/router-utils/resolve-routes.js"],
  edits: () => [
    [
      "const params = route.match(localeResult.pathname);",
      "const params = matchDecodable(route, localeResult.pathname);",
    ],
    ["let params = route.match(curPathname);", "let params = matchDecodable(route, curPathname);"],
  ],
  helper: `
function matchDecodable(route, pathname) {
    try {
        return route.match(pathname);
    } catch (error) {
        // A DecodeError, known by its class name and message (the class can exist in two copies).
        if (error && (error.constructor?.name === 'DecodeError' || /failed to decode param/i.test(error.message))) return false;
        throw error;
    }
}
`,
};

/**
 * 2. A Server Action request whose body React cannot decode (`[`, `["$"]`, `["$K9"]`, a root that
 * is not a list, more than 1,000 arguments, a multipart body without a boundary or that busboy cannot
 * parse) throws inside the action handler, whose catch-all answers 500 (upstream:
 * vercel/next.js#86945, fix proposed in #98105). As that fix does, errors that come out of reading and decoding the body are marked and
 * answered 400 "Invalid Server Action request." — the action never ran. A body over the size limit
 * (ApiError 413) is answered 413 (the handler's own TODO). The handler is bundled into each app-page
 * runtime (minified in the production ones), so the edits match the code's shape, not its names.
 * The same handler refuses an action whose Origin is another site (its CSRF check) with a 500 — and
 * a 500 with no check at all when the Origin is not a URL (`new URL(origin)` throws): both are
 * answered 403 "Cross-origin Server Action request refused." (found by hostile HTTP checks,
 * e2e/security/request-head.spec.ts); the action never runs, as before.
 */
const undecodableAction = {
  files: readdirSync(join(NEXT_DIST, "compiled/next-server"))
    .filter((name) => /^app-page.*\.runtime\.(prod|dev)\.js$/.test(name))
    .map((name) => `compiled/next-server/${name}`),
  edits: (source) => {
    // The RenderResult class, by the name it has where unrecognized actions are answered.
    const renderResult = /result:(\w+)\.fromStatic\(\w+\(\w+\),"text\/plain"\)/.exec(source)?.[1];
    return [
      // The decoders, wrapped so what they throw is marked.
      [
        /(decodeFormState(?::\w+)?\}=)(\w+\("\(react-server\)\/\.\/dist\/esm\/server\/app-render\/react-server\.node\.js"\))/g,
        "$1identityManagerMarkingDecodeFailures($2)",
      ],
      // A multipart content type busboy refuses outright (no boundary).
      [/(\w+\("\.\/dist\/compiled\/busboy\/index\.js"\))\(\{/g, "identityManagerMarkingBusboy($1)({"],
      // A multipart body busboy or FormData cannot read (fetch action and form post).
      [
        /catch\((\w+)\)\{throw (\w+)\.abort\(\),\1\}/g,
        "catch($1){throw $2.abort(),identityManagerMarkedDecodeFailure($1)}",
        2,
      ],
      // An Origin that is not a URL is another site, not an exception.
      [/"null"===(\w+)\?"null":new URL\(\1\)\.host/g, '"null"===$1?"null":identityManagerOriginHost($1)'],
      // The CSRF check's refusal (fetch action: 500; form post: thrown, so 500 too) is a 403.
      [
        /(let \w+=Error\("Invalid Server Actions request\."\);)if\((\w+)\)\{(\w+)\.statusCode=500,(\w+)\.statusCode=500;/g,
        (match, error, _isFetch, res, metadata) =>
          `${error}{${res}.statusCode=403,${metadata}.statusCode=403,${res}.setHeader("content-type","text/plain");return{type:"done",result:${renderResult}.fromStatic("Cross-origin Server Action request refused.","text/plain")}}${match.slice(error.length)}`,
        renderResult ? 1 : -1,
      ],
      // The catch-all's 500: a marked error (or a 413) is answered as the client's error instead.
      [
        /if\((\w+)\)\{(\w+)\.statusCode=500,(\w+)\.statusCode=500;let (\w+)=Promise\.reject\((\w+)\);try\{await \4\}catch\{\}let \w+=void 0===/g,
        (match, _isFetch, res, metadata, _promise, error) =>
          `{let refused=identityManagerRefusedStatus(${error});if(refused)return ${res}.statusCode=refused,${metadata}.statusCode=refused,${res}.setHeader("content-type","text/plain"),{type:"done",result:${renderResult}.fromStatic(refused===413?"Server Action body too large.":"Invalid Server Action request.","text/plain")}}${match}`,
        renderResult ? 1 : -1,
      ],
    ];
  },
  helper: `
const identityManagerDecodeFailures = new WeakSet();
function identityManagerMarkedDecodeFailure(error) {
    const marked = error !== null && typeof error === "object" ? error : new Error(String(error));
    identityManagerDecodeFailures.add(marked);
    return marked;
}
function identityManagerMarkingDecode(decode, decodesArguments) {
    return (...args) => Promise.resolve().then(() => decode(...args)).then((decoded) => {
        if (decodesArguments && (!Array.isArray(decoded) || decoded.length > 1000))
            throw identityManagerMarkedDecodeFailure(new Error("Server Action arguments must be a list of at most 1000 values."));
        return decoded;
    }, (error) => {
        throw identityManagerMarkedDecodeFailure(error);
    });
}
function identityManagerMarkingDecodeFailures(mod) {
    return {
        createTemporaryReferenceSet: mod.createTemporaryReferenceSet,
        decodeFormState: mod.decodeFormState,
        decodeReply: identityManagerMarkingDecode(mod.decodeReply, true),
        decodeReplyFromBusboy: identityManagerMarkingDecode(mod.decodeReplyFromBusboy, true),
        decodeAction: identityManagerMarkingDecode(mod.decodeAction, false)
    };
}
function identityManagerMarkingBusboy(busboy) {
  return (options) => {
    try {
      return busboy(options);
    } catch (error) {
      throw identityManagerMarkedDecodeFailure(error);
    }
  };
}
function identityManagerOriginHost(origin) {
    try {
        return new URL(origin).host;
    } catch {
        return "(not a URL)";
    }
}
function identityManagerRefusedStatus(error) {
    if (error !== null && typeof error === "object" && error.constructor?.name === "ApiError" && error.statusCode === 413) return 413;
    if (!identityManagerDecodeFailures.has(error)) return 0;
    console.warn("Server Action request refused (400): " + (error && error.message));
    return 400;
}
`,
};

/**
 * 3. A request head that Next.js or Auth.js cannot turn into a URL or a router state reached them and
 * was answered 500 (found by hostile HTTP checks against `next start`, e2e/security/request-head.spec.ts):
 * - TRACE: every page, route and the proxy build a WHATWG Request, whose constructor throws for it
 *   ("'TRACE' HTTP method is unsupported"). Answered 405. (Node's HTTP parser refuses TRACK itself.)
 * - Host or X-Forwarded-Host that is not one authority (`[::1`, `a, b`), X-Forwarded-Proto that is not
 *   http or https (``, `https,http`, `gopher`): Auth.js builds its URL from them (`new URL` throws),
 *   so every signed-in page and image answered 500. RFC 9112 §3.2: an invalid Host is a 400.
 * - An RSC request (`rsc: 1`) whose Next-Router-State-Tree Next's own validator refuses: the render
 *   throws "could not be parsed" and answers 500. Answered 400, checked with that same validator.
 * The check runs first in the router server's request handler, before any routing or app code.
 */
const requestHead = {
  files: ["server/lib/router-server.js"],
  edits: () => [
    [
      "const requestHandlerImpl = async (req, res)=>{",
      "const requestHandlerImpl = async (req, res)=>{\n        if (identityManagerRefusedHead(req, res)) return;",
    ],
  ],
  helper: `
function identityManagerRefusedHead(req, res) {
    const refuse = (status, message) => {
        res.statusCode = status;
        if (status === 405) res.setHeader("allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        res.setHeader("content-type", "text/plain; charset=utf-8");
        res.setHeader("cache-control", "no-store");
        res.end(message);
        return true;
    };
    if (req.method === "TRACE") return refuse(405, "Method Not Allowed.");
    const single = (name) => {
        const value = req.headers[name];
        return Array.isArray(value) ? null : value;
    };
    for (const name of ["host", "x-forwarded-host"]) {
        const value = single(name);
        if (value === undefined || (name === "host" && value === "")) continue;
        // One authority, as URLs are built from it: a name or [IPv6 address], then an optional port.
        if (value === null || !/^(?:\\[[0-9a-f:.]+\\]|[^\\s/?#@\\[\\]:,\\\\]+)(?::\\d{1,5})?$/i.test(value) || !identityManagerParsesAsHost(value))
            return refuse(400, "Bad Request: invalid " + name + " header.");
    }
    const proto = single("x-forwarded-proto");
    if (proto !== undefined && (proto === null || !/^https?$/i.test(proto)))
        return refuse(400, "Bad Request: invalid x-forwarded-proto header.");
    if (req.headers["rsc"] === "1" && req.headers["next-router-state-tree"] !== undefined) {
        try {
            require("../app-render/parse-and-validate-flight-router-state").parseAndValidateFlightRouterState(req.headers["next-router-state-tree"]);
        } catch {
            return refuse(400, "Bad Request: invalid next-router-state-tree header.");
        }
    }
    return false;
}
function identityManagerParsesAsHost(value) {
    try {
        return new URL("http://" + value).pathname === "/";
    } catch {
        return false;
    }
}
`,
};

for (const { files, edits, helper } of [undecodablePath, undecodableAction, requestHead]) {
  for (const file of files) {
    const path = join(NEXT_DIST, file);
    let source = readFileSync(path, "utf8");
    if (source.includes(MARK)) continue;
    for (const [from, to, count = 1] of edits(source)) {
      const found =
        typeof from === "string" ? source.split(from).length - 1 : (source.match(from) ?? []).length;
      if (found !== count)
        throw new Error(`patch-next: unexpected code in ${path}; review the patch for this Next.js version`);
      source = source.replace(from, to);
    }
    writeFileSync(path, `${source}\n${MARK}${helper}`);
    console.log(`patch-next: patched ${file}`);
  }
}
