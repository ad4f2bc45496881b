export function newestSource(dir?: string): { mtimeMs: number; file: string };
export function buildNeeded(dir?: string, dist?: string): string | null;
