import "server-only";
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { identities, portraits } from "@/db/schema";
import { TEMPLATE_MODEL } from "@/lib/portrait/model";
import { selectCurrentPortraits } from "@/lib/portraits/current";

const DIM = 128;

/**
 * One organization's searchable templates of one model as one contiguous matrix, for brute-force 1:N
 * search. Templates of another model are never in it (lib/portrait/model.ts).
 */
interface OrgIndex {
  identityIds: string[];
  portraitIds: string[];
  matrix: Float32Array;
  norms: Float32Array;
  /** The newest portrait creation time included; later portraits are read as a delta per search. */
  syncedUpTo: Date;
  builtAt: number;
}

const REBUILD_AFTER_MS = 5 * 60_000;
const REBUILD_AFTER_DELTA = 500;
/** Longer than any transaction that writes portraits (they are milliseconds; processing happens before). */
const DELTA_OVERLAP_MS = 30_000;

const globalCache = globalThis as unknown as { __faceIndex?: Map<string, Promise<OrgIndex>> };
const cache = (globalCache.__faceIndex ??= new Map());

interface TemplateRow {
  identityId: string;
  portraitId: string;
  template: number[] | null;
  createdAt: Date;
}

const currentTemplates = (db: DbOrTx, organizationId: string, model: string, after?: Date) =>
  selectCurrentPortraits(
    db,
    organizationId,
    {
      identityId: identities.id,
      portraitId: portraits.id,
      template: portraits.template,
      createdAt: portraits.createdAt,
    },
    // Lets the planner drive the delta from portraits_org_created_idx.
    eq(portraits.organizationId, organizationId),
    eq(portraits.searchable, true),
    eq(portraits.templateModel, model),
    after ? gt(portraits.createdAt, after) : undefined,
  );

async function databaseNow(db: DbOrTx): Promise<Date> {
  const [row] = await db.select({ now: sql<string>`clock_timestamp()` }).from(sql`(select 1) as one`);
  return new Date(row!.now);
}

/** Everything committed before the build started is in the matrix; later portraits come from the delta. */
async function loadMatrix(db: DbOrTx, organizationId: string, model: string): Promise<OrgIndex> {
  const startedAt = await databaseNow(db);
  return { ...buildIndex(await currentTemplates(db, organizationId, model)), syncedUpTo: startedAt };
}

/** Cache key: one matrix per organization and template model. */
const keyOf = (organizationId: string, model: string) => `${organizationId}\u0000${model}`;

function buildIndex(rows: TemplateRow[]): OrgIndex {
  const usable = rows.filter((r) => r.template?.length === DIM);
  const matrix = new Float32Array(usable.length * DIM);
  const norms = new Float32Array(usable.length);
  usable.forEach((row, i) => {
    matrix.set(row.template!, i * DIM);
    let n = 0;
    for (const v of row.template!) n += v * v;
    norms[i] = n;
  });
  return {
    identityIds: usable.map((r) => r.identityId),
    portraitIds: usable.map((r) => r.portraitId),
    matrix,
    norms,
    syncedUpTo: new Date(0),
    builtAt: Date.now(),
  };
}

async function loadIndex(db: DbOrTx, organizationId: string, model: string): Promise<OrgIndex> {
  let entry = cache.get(keyOf(organizationId, model));
  if (!entry) {
    entry = rebuild(db, organizationId, model);
    return entry;
  }
  const index = await entry;
  if (Date.now() - index.builtAt > REBUILD_AFTER_MS) refreshInBackground(db, organizationId, model, index);
  return index;
}

function rebuild(db: DbOrTx, organizationId: string, model: string): Promise<OrgIndex> {
  const key = keyOf(organizationId, model);
  const entry = loadMatrix(db, organizationId, model);
  cache.set(key, entry);
  entry.catch(() => cache.delete(key));
  return entry;
}

const refreshing = new Set<string>();

/** Rebuilds without making anyone wait: searches keep using the old matrix plus the delta meanwhile. */
function refreshInBackground(db: DbOrTx, organizationId: string, model: string, current: OrgIndex): void {
  const key = keyOf(organizationId, model);
  if (refreshing.has(key)) return;
  refreshing.add(key);
  loadMatrix(db, organizationId, model)
    .then((fresh) => cache.set(key, Promise.resolve(fresh)))
    .catch(() => cache.set(key, Promise.resolve({ ...current, builtAt: Date.now() })))
    .finally(() => refreshing.delete(key));
}

export interface Candidate {
  identityId: string;
  portraitId: string;
  distance: number;
}

function topK(
  index: OrgIndex,
  query: Float32Array,
  queryNorm: number,
  k: number,
  exclude?: string,
): Candidate[] {
  // Squared distances via |a|² + |b|² − 2a·b over the contiguous matrix; keep the k best in a small sorted list.
  const best: Candidate[] = [];
  const { matrix, norms, identityIds } = index;
  const count = norms.length;
  let worst = Infinity;
  for (let i = 0; i < count; i++) {
    const base = i * DIM;
    let dot = 0;
    for (let j = 0; j < DIM; j++) dot += matrix[base + j]! * query[j]!;
    const d2 = norms[i]! + queryNorm - 2 * dot;
    if (best.length >= k && d2 >= worst) continue;
    if (exclude && identityIds[i] === exclude) continue;
    const candidate = { identityId: identityIds[i]!, portraitId: index.portraitIds[i]!, distance: d2 };
    let pos = best.length;
    while (pos > 0 && best[pos - 1]!.distance > d2) pos--;
    best.splice(pos, 0, candidate);
    if (best.length > k) best.pop();
    worst = best.length >= k ? best[best.length - 1]!.distance : Infinity;
  }
  return best.map((c) => ({ ...c, distance: Math.sqrt(Math.max(0, c.distance)) }));
}

/**
 * The k nearest current templates of one organization. The cached matrix may be stale, so every
 * answer is reconciled with the database: candidates whose identity no longer has that portrait
 * (deleted, replaced) are dropped, and portraits newer than the cache are read and scored directly.
 * A just-approved portrait is therefore found at once and a deleted identity never shows up.
 */
export async function nearestTemplates(
  db: DbOrTx,
  organizationId: string,
  template: number[],
  k: number,
  excludeIdentityId?: string,
  model: string = TEMPLATE_MODEL,
): Promise<Candidate[]> {
  const index = await loadIndex(db, organizationId, model);
  // A portrait's created_at is stamped before its transaction commits, so one can appear "in the
  // past": the delta overlaps the matrix by a margin longer than any of our transactions.
  const delta = await currentTemplates(
    db,
    organizationId,
    model,
    new Date(index.syncedUpTo.getTime() - DELTA_OVERLAP_MS),
  );
  if (delta.length > REBUILD_AFTER_DELTA)
    refreshInBackground(db, organizationId, model, { ...index, builtAt: 0 });
  const query = Float32Array.from(template);
  let queryNorm = 0;
  for (const v of query) queryNorm += v * v;
  const slack = k + 16;
  const fromIndex = topK(index, query, queryNorm, slack, excludeIdentityId);
  const fromDelta = topK(buildIndex(delta), query, queryNorm, slack, excludeIdentityId);
  const merged = new Map<string, Candidate>();
  for (const c of [...fromDelta, ...fromIndex]) if (!merged.has(c.identityId)) merged.set(c.identityId, c);
  const candidates = [...merged.values()];
  if (candidates.length === 0) return [];
  const live = await db
    .select({ identityId: identities.id, portraitId: identities.currentPortraitId })
    .from(identities)
    .where(
      and(
        eq(identities.organizationId, organizationId),
        inArray(
          identities.id,
          candidates.map((c) => c.identityId),
        ),
      ),
    );
  const livePortrait = new Map(live.map((r) => [r.identityId, r.portraitId]));
  return candidates
    .filter((c) => livePortrait.get(c.identityId) === c.portraitId)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, k);
}

/** Drops an organization's cached matrix (tests and benchmarks; correctness never depends on it). */
export function forgetSearchIndex(organizationId?: string): void {
  if (!organizationId) return cache.clear();
  for (const key of [...cache.keys()]) if (key.startsWith(`${organizationId}\u0000`)) cache.delete(key);
}
