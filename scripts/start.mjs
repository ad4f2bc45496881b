// `npm start`: build only when there is no build or a source file is newer than it, then `next start`.
// Arguments after `npm start --` go to `next start` (e.g. `npm start -- -p 3300`).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const distDir = process.env.NEXT_DIST_DIR || ".next";
/** What goes into the build: the app's code, messages, styles and public files, and the files that configure it. */
export const SOURCE_DIRS = ["app", "components", "lib", "db", "i18n", "messages", "public"];
export const SOURCE_FILES = [
  "package.json",
  "package-lock.json",
  "next.config.ts",
  "tsconfig.json",
  "tsconfig.build.json",
  "postcss.config.mjs",
  "auth.ts",
  "instrumentation.ts",
  "proxy.ts",
  "middleware.ts",
];

/** The newest modification time (ms) among the build's sources, with the file that has it. */
export function newestSource(dir = root) {
  let newest = { mtimeMs: 0, file: "" };
  const visit = (path) => {
    let st;
    try {
      st = statSync(path);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== "node_modules") visit(join(path, entry));
    } else if (st.mtimeMs > newest.mtimeMs && !/\.test\.ts$/.test(path)) {
      newest = { mtimeMs: st.mtimeMs, file: path };
    }
  };
  for (const d of SOURCE_DIRS) visit(join(dir, d));
  for (const f of SOURCE_FILES) visit(join(dir, f));
  return newest;
}

/** Why a build is needed, or null when the last one is newer than every source file. */
export function buildNeeded(dir = root, dist = distDir) {
  const marker = join(dir, dist, "BUILD_ID");
  if (!existsSync(marker)) return "no build yet";
  const built = statSync(marker).mtimeMs;
  const newest = newestSource(dir);
  return newest.mtimeMs > built ? `${newest.file.slice(dir.length + 1)} changed since the last build` : null;
}

const NEXT_BIN = join(root, "node_modules/next/dist/bin/next");

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const reason = buildNeeded();
  if (reason) {
    console.log(`[start] building: ${reason}`);
    const build = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: root, stdio: "inherit" });
    if (build.status !== 0) process.exit(build.status ?? 1);
  } else {
    console.log("[start] the build is up to date (delete .next to force a new one); starting");
  }
  // The server gets the signals, so its own graceful stop (instrumentation.ts) runs.
  const server = spawn(process.execPath, [NEXT_BIN, "start", ...process.argv.slice(2)], {
    cwd: root,
    stdio: "inherit",
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
