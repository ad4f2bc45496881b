import { Worker } from "node:worker_threads";
import path from "node:path";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { faceEnv } from "@/lib/env";
import { AppError, hasErrorCode } from "@/lib/errors";
import type {
  NumberedRequest,
  RequestOf,
  ResultOf,
  WorkerKind,
  WorkerMessage,
  WorkerRequest,
} from "./worker-protocol";

/**
 * The worker's file, found from this module's own location. Under Next the module is bundled, but
 * Turbopack gives `import.meta.url` the source file's URL (resolved from the build's own folder at
 * run time), so this is lib/portrait/face-worker.mjs under tsx, Vitest and `next start` alike,
 * whatever the working directory.
 */
// turbopackIgnore (here and at `new Worker`): Turbopack follows the path into the worker to bundle it.
const WORKER_FILE = path.join(
  /* turbopackIgnore: true */ path.dirname(fileURLToPath(import.meta.url)),
  "face-worker.mjs",
);

/**
 * The pool sheds load: a job that would wait too long is refused at once. Callers answer 503 with
 * Retry-After (code BUSY): identify it with `isPortraitBusy`, never with `instanceof`.
 */
export class PortraitBusyError extends AppError {
  constructor(readonly retryAfterSeconds = 2) {
    super("BUSY", "We are busy right now. Please try again in a moment.", 503, undefined, {
      retryAfterSeconds,
    });
    this.name = "PortraitBusyError";
  }
}

export const isPortraitBusy = (error: unknown): error is AppError => hasErrorCode(error, "BUSY");

type Job = {
  message: WorkerRequest;
  transfer: ArrayBuffer[];
  resolve: (v: ResultOf[WorkerKind]) => void;
  reject: (e: Error) => void;
  /** The job's kind (message.kind), for the per-kind duration estimate. */
  kind: WorkerKind;
  startedAt?: number;
};
type Slot = { worker: Worker; job: Job | null; timer: NodeJS.Timeout | null };

const JOB_TIMEOUT_MS = 30_000;

/**
 * Kinds that continue work the pool already admitted (a portrait's descriptor after its detection).
 * They are never shed and go to the front of the queue: refusing them would throw away the work
 * done for the same upload, and finishing admitted uploads first is what keeps their wait short.
 */
const CONTINUATION_KINDS = new Set<WorkerKind>(["describe"]);
/** Before any job has finished, a job of an unknown kind is assumed to take this long. */
const DEFAULT_JOB_MS = 400;
const SAMPLES_PER_KIND = 32;

/** Recent durations per job kind; the estimate is their median (robust to a slow outlier). */
class JobTimes {
  private readonly samples = new Map<string, number[]>();
  record(kind: string, ms: number) {
    const list = this.samples.get(kind) ?? [];
    list.push(ms);
    if (list.length > SAMPLES_PER_KIND) list.shift();
    this.samples.set(kind, list);
  }
  median(kind: string): number {
    const list = this.samples.get(kind);
    if (!list?.length) return DEFAULT_JOB_MS;
    const sorted = [...list].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  }
}

/**
 * A fixed set of inference workers with a bounded FIFO queue. Idle workers are unref'd so a CLI or a
 * test run can exit without an explicit shutdown; a busy worker keeps the process alive until it answers.
 */
/** The window over which finished portraits are counted to estimate the pool's throughput. */
const THROUGHPUT_WINDOW_MS = 10_000;
const COLD_PORTRAIT_MS = 1000;

class FacePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly times = new JobTimes();
  /** Portraits admitted by `admit()` and not finished: decoding, waiting or in a worker. */
  private admitted = 0;
  private finishedAt: number[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly maxQueue: number,
    /** A new job whose expected wait passes this is refused at once (load shedding). */
    private readonly maxWaitMs: number,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    // A plain .mjs file, never bundled, so the same file loads under tsx, Vitest and `next start`;
    // it finds its models and WASM files from its own location.
    // turbopackIgnore: Turbopack would otherwise bundle the worker (it follows `new Worker(path)`),
    // and the worker loads @vladmandic/human's WASM build by file path, which cannot be bundled.
    const worker = new Worker(/* turbopackIgnore: true */ WORKER_FILE);
    const slot: Slot = { worker, job: null, timer: null };
    worker.unref();
    worker.on("message", (msg: WorkerMessage) => {
      // The readiness message is not awaited: a job sent early waits in the worker until it is ready.
      if (!("id" in msg) || !slot.job) return;
      const job = slot.job;
      if (job.startedAt !== undefined) this.times.record(job.kind, performance.now() - job.startedAt);
      this.release(slot);
      if (msg.ok) job.resolve(msg.result);
      else job.reject(new Error(`face worker: ${msg.error}`));
      this.pump();
    });
    const onDeath = (error: Error) => {
      const job = slot.job;
      this.release(slot);
      job?.reject(error);
      if (this.closed) return;
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots[index] = this.spawn();
      this.pump();
    };
    worker.on("error", onDeath);
    worker.on("exit", (code) => {
      if (!this.closed && this.slots.includes(slot))
        onDeath(new Error(`face worker exited with code ${code}`));
    });
    return slot;
  }

  private release(slot: Slot) {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    slot.worker.unref();
  }

  /**
   * How long a new job would wait before a worker takes it: the work ahead of it (queued jobs at
   * their kind's recent median, running jobs at half of theirs) spread over the workers.
   */
  expectedWaitMs(): number {
    if (this.slots.some((s) => !s.job)) return 0;
    let ahead = 0;
    for (const job of this.queue) ahead += this.times.median(job.kind);
    for (const slot of this.slots) if (slot.job) ahead += this.times.median(slot.job.kind) / 2;
    return ahead / this.slots.length;
  }

  /**
   * Admission for a whole portrait (decode, detection, descriptor), before any of its work starts:
   * the decode of a 12 MP photo costs as much CPU as the detection, so shedding only at the worker
   * queue lets a burst of decodes swamp the machine. By Little's law the wait of a newcomer is the
   * portraits already admitted over the recent rate of finished ones; past the limit it is refused
   * at once. Before anything has finished lately, a portrait is assumed to take a second per worker.
   */
  admit(): () => void {
    const now = performance.now();
    this.finishedAt = this.finishedAt.filter((t) => now - t < THROUGHPUT_WINDOW_MS);
    if (this.admitted >= this.slots.length) {
      const perMs = this.finishedAt.length / THROUGHPUT_WINDOW_MS;
      // Nothing finished lately (a cold start): assume a second per portrait and worker.
      const wait = perMs > 0 ? this.admitted / perMs : (this.admitted / this.slots.length) * COLD_PORTRAIT_MS;
      if (wait > this.maxWaitMs)
        throw new PortraitBusyError(Math.min(30, Math.max(1, Math.ceil(wait / 1000))));
    }
    this.admitted++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.admitted--;
      this.finishedAt.push(performance.now());
    };
  }

  /**
   * `continuation`: the job continues a portrait whose first job already ran (another reading of
   * the same photo — turned, padded or contrast-stretched): treated like a CONTINUATION_KINDS job.
   */
  run<K extends WorkerKind>(
    message: RequestOf<K>,
    transfer: ArrayBuffer[] = [],
    options: { continuation?: boolean } = {},
  ): Promise<ResultOf[K]> {
    if (this.closed) return Promise.reject(new Error("portrait workers are shut down"));
    const kind: WorkerKind = message.kind;
    const continuation = options.continuation === true || CONTINUATION_KINDS.has(kind);
    if (!continuation && this.slots.every((s) => s.job)) {
      // Shed early: a caller told "busy, retry in N s" now is better off than one that waits
      // longer than that anyway. The queue bound stays as a backstop (FACE_QUEUE_MAX=0: no waiting).
      const wait = this.expectedWaitMs();
      if (this.queue.length >= this.maxQueue || wait > this.maxWaitMs)
        return Promise.reject(new PortraitBusyError(Math.min(30, Math.max(1, Math.ceil(wait / 1000)))));
    }
    return new Promise<ResultOf[K]>((resolve, reject) => {
      // The worker answers a request with its kind's result (worker-protocol.ts).
      const job: Job = { message, transfer, resolve: resolve as Job["resolve"], reject, kind };
      if (continuation) this.queue.unshift(job);
      else this.queue.push(job);
      this.pump();
    });
  }

  private pump() {
    for (const slot of this.slots) {
      if (slot.job) continue;
      const job = this.queue.shift();
      if (!job) return;
      slot.job = job;
      job.startedAt = performance.now();
      slot.worker.ref();
      slot.timer = setTimeout(() => void slot.worker.terminate(), JOB_TIMEOUT_MS);
      const request: NumberedRequest = { ...job.message, id: this.nextId++ };
      slot.worker.postMessage(request, job.transfer);
    }
  }

  async close() {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error("portrait workers are shut down"));
    await Promise.all(
      this.slots.map(async (slot) => {
        slot.job?.reject(new Error("portrait workers are shut down"));
        this.release(slot);
        await slot.worker.terminate();
      }),
    );
  }
}

const GLOBAL_KEY = Symbol.for("identity-manager.portrait.pool");
type WithPool = typeof globalThis & { [GLOBAL_KEY]?: FacePool };

export function poolSize(): number {
  const fromEnv = faceEnv().FACE_WORKERS;
  if (fromEnv) return Math.min(fromEnv, 16);
  return Math.max(1, Math.min(2, os.availableParallelism?.() ?? os.cpus().length));
}

/** One pool per process (kept on globalThis so hot reloads in `next dev` do not leak workers). */
export function getPool(): FacePool {
  const g = globalThis as WithPool;
  if (!g[GLOBAL_KEY]) {
    const size = poolSize();
    // "A few seconds" (FACE_MAX_WAIT_MS): past this expected wait, a new upload is told to come back later.
    const { FACE_QUEUE_MAX, FACE_MAX_WAIT_MS } = faceEnv();
    g[GLOBAL_KEY] = new FacePool(size, FACE_QUEUE_MAX ?? size * 8, FACE_MAX_WAIT_MS);
  }
  return g[GLOBAL_KEY];
}

/**
 * Runs one portrait's work (`processPortrait`) once the pool admits it, or refuses at once with
 * PortraitBusyError (503 BUSY + Retry-After) when the expected wait is too long.
 */
export async function withPortraitAdmission<T>(work: () => Promise<T>): Promise<T> {
  const release = getPool().admit();
  try {
    return await work();
  } finally {
    release();
  }
}

/** Start the workers (and their model loading) ahead of the first request. */
export function warmPortraitWorkers(): void {
  getPool();
}

export async function shutdownPortraitWorkers(): Promise<void> {
  const g = globalThis as WithPool;
  const pool = g[GLOBAL_KEY];
  delete g[GLOBAL_KEY];
  await pool?.close();
}
