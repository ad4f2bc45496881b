// Fixes a defect of Next.js 16.4.6 that the fuzz suite found (e2e/security/fuzz.spec.ts): a dynamic
// route segment that is not valid percent-encoded UTF-8 (`/api/v1/identities/%FF`, `/upload/%ED%A0%80`)
// makes the router's route.match() throw "failed to decode param" while resolving routes, and the
// production server answers a bare 500 before any app code runs (upstream: vercel/next.js#92527,
// fix proposed in #92557). As that fix does, a segment that cannot be decoded matches no dynamic
// route, so the request ends as 404. Idempotent; fails loudly when the code no longer looks as
// expected (a new Next.js version: check whether upstream fixed it, then drop or update this).
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const file = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "node_modules/next/dist/server/lib/router-utils/resolve-routes.js",
);
const MARK = "/* identity-manager: patched */";
const helper = `${MARK}
function matchDecodable(route, pathname) {
    try {
        return route.match(pathname);
    } catch (error) {
        // A DecodeError, known by its class name and message (the class can exist in two copies).
        if (error && (error.constructor?.name === 'DecodeError' || /failed to decode param/i.test(error.message))) return false;
        throw error;
    }
}
`;
const edits = [
  [
    "const params = route.match(localeResult.pathname);",
    "const params = matchDecodable(route, localeResult.pathname);",
  ],
  ["let params = route.match(curPathname);", "let params = matchDecodable(route, curPathname);"],
];

let source = readFileSync(file, "utf8");
if (!source.includes(MARK)) {
  for (const [from, to] of edits) {
    if (source.split(from).length !== 2)
      throw new Error(`patch-next: unexpected code in ${file}; review the patch for this Next.js version`);
    source = source.replace(from, to);
  }
  writeFileSync(file, `${source}\n${helper}`);
  console.log("patch-next: patched server/lib/router-utils/resolve-routes.js");
}
