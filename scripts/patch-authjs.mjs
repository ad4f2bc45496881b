// Fixes a defect of @auth/core 0.41.3 (Auth.js, used through next-auth 5) that hostile HTTP checks
// found (e2e/security/auth-requests.spec.ts): a `callbackUrl` query parameter or an
// `authjs.callback-url` cookie that is not an http(s) URL (`garbage`, `%ZZ`, `javascript:…`) is taken
// for a configuration error. /api/auth/session and /api/auth/csrf answer 500, and `auth()` gets no
// session, so a signed-in person with such a cookie (a sibling subdomain can set one) is sent to
// sign in again on every page — a client's value, not our configuration. As a browser's value it is
// dropped instead: the request goes on with no callback URL (Auth.js then uses its default and
// overwrites the cookie). Same assertion upstream today (packages/core/src/lib/utils/assert.ts).
// Idempotent; fails loudly when the code no longer looks as expected (new version: re-check).
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const path = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "node_modules/@auth/core/lib/utils/assert.js",
);
const MARK = "/* identity-manager: patched */";
const edits = [
  [
    "        return new InvalidCallbackUrl(`Invalid callback URL. Received: ${callbackUrlParam}`);",
    "        delete request.query.callbackUrl;",
  ],
  [
    "        return new InvalidCallbackUrl(`Invalid callback URL. Received: ${callbackUrlCookie}`);",
    "        delete request.cookies[options.cookies?.callbackUrl?.name ?? defaultCallbackUrl.name];",
  ],
];

let source = readFileSync(path, "utf8");
if (!source.includes(MARK)) {
  for (const [from, to] of edits) {
    if (source.split(from).length !== 2)
      throw new Error(
        `patch-authjs: unexpected code in ${path}; review the patch for this @auth/core version`,
      );
    source = source.replace(from, to);
  }
  writeFileSync(path, `${source}\n${MARK}\n`);
  console.log("patch-authjs: patched lib/utils/assert.js");
}
