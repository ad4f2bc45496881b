// `npm run --silent check-portrait -- FILE...`: one JSON line per file, always exits 0.
import { readFile } from "node:fs/promises";
import { processPortrait, shutdownPortraitWorkers } from "@/lib/portrait";

async function check(file: string) {
  const started = performance.now();
  try {
    const bytes = await readFile(file);
    const { report } = await processPortrait(bytes, { qualityCheck: true });
    return {
      file,
      accepted: report.accepted,
      primary: report.primary ? { code: report.primary.code, message: report.primary.message } : null,
      issues: report.issues.map(({ code, severity, message, measured, threshold }) => ({
        code,
        severity,
        message,
        measured,
        threshold,
      })),
      ms: Math.round(performance.now() - started),
    };
  } catch (error) {
    return {
      file,
      accepted: false,
      primary: null,
      issues: [],
      error: error instanceof Error ? error.message : String(error),
      ms: Math.round(performance.now() - started),
    };
  }
}

try {
  for (const file of process.argv.slice(2)) console.log(JSON.stringify(await check(file)));
} finally {
  await shutdownPortraitWorkers();
}
