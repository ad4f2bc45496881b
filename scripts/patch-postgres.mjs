// Fixes two defects of postgres.js 3.4.9 (latest release) that a dropped connection triggers
// (pg_terminate_backend, a server restart, a proxy closing idle sockets) — found by the fault tests:
//  1. closed()/terminate() cancel the pending write immediate without resetting it, so the
//     connection never flushes again: every later query on it hangs until CONNECT_TIMEOUT
//     (upstream: porsager/postgres#1208; the buffered bytes of the dead socket were also kept);
//  2. a write immediate that fires after close calls null.write(): an uncaught TypeError that
//     takes the whole server process down (porsager/postgres#1154, #1066).
// Idempotent; fails loudly when the driver's code no longer looks as expected (new version: re-check).
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "node_modules", "postgres");
const MARK = "/* identity-manager: patched */";
const edits = [
  [
    "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)",
    `  function nextWrite(fn) {\n    ${MARK}\n    if (!socket) {\n      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  ],
  [
    "    clearImmediate(nextWriteTimer)\n    if (socket) {",
    "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    if (socket) {",
  ],
  [
    "    clearImmediate(nextWriteTimer)\n    socket.removeListener('data', data)",
    "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    socket.removeListener('data', data)",
  ],
];

for (const file of ["src/connection.js", "cjs/src/connection.js"]) {
  const path = join(root, file);
  let source = readFileSync(path, "utf8");
  if (source.includes(MARK)) continue;
  for (const [from, to] of edits) {
    if (source.split(from).length !== 2)
      throw new Error(
        `patch-postgres: unexpected code in ${path}; review the patch for this postgres version`,
      );
    source = source.replace(from, to);
  }
  writeFileSync(path, source);
  console.log(`patch-postgres: patched ${file}`);
}
