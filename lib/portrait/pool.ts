import { Worker } from "node:worker_threads";
import path from "node:path";
import os from "node:os";

/** Thrown when every worker is busy and the queue is full: callers answer 503 with Retry-After. */
export class PortraitBusyError extends Error {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds = 2) {
    super("Portrait processing is busy, try again shortly");
    this.name = "PortraitBusyError";
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface WireBox {
  x: number;
  y: number;
  width: number;
  height: number;
}
/** One face as the worker reports it (see face-worker.mjs). */
export interface WireFace {
  /** BlazeFace detection score. */
  boxScore: number;
  /** Face-mesh confidence. */
  meshScore: number;
  box: WireBox;
  /** 468 (478 with iris) mesh points, flat [x, y, z, …] in working-image pixels. */
  mesh: number[];
  /** Head rotation derived from the mesh, degrees. */
  rotation: { roll: number; yaw: number; pitch: number };
}
export interface DetectResult {
  faces: WireFace[];
  /** Time in the worker (BlazeFace + mesh + iris). */
  ms: number;
}
export interface DescribeResult {
  descriptor: number[];
}

type Job = {
  message: Record<string, unknown>;
  transfer: ArrayBuffer[];
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
};
type Slot = { worker: Worker; job: Job | null; timer: NodeJS.Timeout | null };

const JOB_TIMEOUT_MS = 30_000;

/**
 * A fixed set of inference workers with a bounded FIFO queue. Idle workers are unref'd so a CLI or a
 * test run can exit without an explicit shutdown; a busy worker keeps the process alive until it answers.
 */
class FacePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly maxQueue: number,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    // A plain .mjs file found from the project root (this module is bundled by Next, so its own
    // location says nothing): it is never bundled, so the same file loads under tsx, Vitest and
    // `next start`; it finds its models and WASM files from its own location.
    // turbopackIgnore: Turbopack would otherwise bundle the worker (it follows `new Worker(path)`),
    // and the worker loads @vladmandic/human's WASM build by file path, which cannot be bundled.
    const file = path.join(/* turbopackIgnore: true */ process.cwd(), "lib/portrait/face-worker.mjs");
    const worker = new Worker(file);
    const slot: Slot = { worker, job: null, timer: null };
    worker.unref();
    worker.on("message", (msg: { id?: number; ok?: boolean; result?: unknown; error?: string }) => {
      if (msg.id === undefined || !slot.job) return;
      const job = slot.job;
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

  run<T>(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.closed) return Promise.reject(new Error("portrait workers are shut down"));
    // Busy only when no worker is free and the queue is full (so FACE_QUEUE_MAX=0 means "no waiting").
    if (this.slots.every((s) => s.job) && this.queue.length >= this.maxQueue)
      return Promise.reject(new PortraitBusyError());
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ message, transfer, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  private pump() {
    for (const slot of this.slots) {
      if (slot.job) continue;
      const job = this.queue.shift();
      if (!job) return;
      slot.job = job;
      slot.worker.ref();
      slot.timer = setTimeout(() => void slot.worker.terminate(), JOB_TIMEOUT_MS);
      slot.worker.postMessage({ ...job.message, id: this.nextId++ }, job.transfer);
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
  const fromEnv = Number.parseInt(process.env.FACE_WORKERS ?? "", 10);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return Math.min(fromEnv, 16);
  return Math.max(1, Math.min(2, os.availableParallelism?.() ?? os.cpus().length));
}

/** One pool per process (kept on globalThis so hot reloads in `next dev` do not leak workers). */
export function getPool(): FacePool {
  const g = globalThis as WithPool;
  if (!g[GLOBAL_KEY]) {
    const size = poolSize();
    const fromEnv = Number.parseInt(process.env.FACE_QUEUE_MAX ?? "", 10);
    g[GLOBAL_KEY] = new FacePool(size, Number.isInteger(fromEnv) && fromEnv >= 0 ? fromEnv : size * 8);
  }
  return g[GLOBAL_KEY];
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
