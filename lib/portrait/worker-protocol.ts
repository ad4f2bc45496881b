/**
 * The messages between the pool (pool.ts, main thread) and the inference worker (face-worker.mjs).
 * Both sides are typed from this file — the worker through JSDoc `import()` types — so a field
 * renamed on one side only fails `npm run typecheck`. Types only: nothing here runs.
 */

export interface WireBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One face as the worker reports it. */
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

/** Find every face in an RGB image (3 bytes a pixel, row by row; the buffer is transferred). */
export interface DetectRequest {
  kind: "detect";
  rgb: ArrayBuffer;
  width: number;
  height: number;
}
export interface DetectResult {
  faces: WireFace[];
  /** Time in the worker (BlazeFace + mesh + iris). */
  ms: number;
}

/** The 128-d descriptor of an aligned face chip, `size` × `size` RGB (the buffer is transferred). */
export interface DescribeRequest {
  kind: "describe";
  rgb: ArrayBuffer;
  size: number;
}
export interface DescribeResult {
  descriptor: number[];
}

export type WorkerRequest = DetectRequest | DescribeRequest;
export type WorkerKind = WorkerRequest["kind"];
/** The request of one kind, and what that kind answers. */
export type RequestOf<K extends WorkerKind> = Extract<WorkerRequest, { kind: K }>;
export interface ResultOf {
  detect: DetectResult;
  describe: DescribeResult;
}

/** A request as posted: the pool numbers each one so the answer can be matched to its job. */
export type NumberedRequest = WorkerRequest & { id: number };

/** The answer to one request (`tensors`: tfjs tensors alive after it, to spot leaks). */
export type WorkerReply =
  | { id: number; ok: true; result: ResultOf[WorkerKind]; tensors: number }
  | { id: number; ok: false; error: string };

/** Posted once when the models have loaded (or failed to). */
export type WorkerReadiness = { ready: true } | { ready: false; error: string };

export type WorkerMessage = WorkerReply | WorkerReadiness;
