export const SOURCE_DIRS: readonly string[];
export const SOURCE_FILES: readonly string[];
export function newestSource(dir?: string): { mtimeMs: number; file: string };
export function buildNeeded(dir?: string, dist?: string): string | null;
