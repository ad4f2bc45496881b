import { tmpdir } from "node:os";
import sharp from "sharp";
import { afterEach, describe, expect, it, vi } from "vitest";
import { isAppError } from "@/lib/errors";
import { CHIP_SIZE } from "./align";
import { processPortrait, shutdownPortraitWorkers } from "./index";
import { getPool, isPortraitBusy, withPortraitAdmission } from "./pool";
import * as F from "@/test/photos";

/** Load shedding (issue 11, item 1): a job that would wait too long is refused at once, as BUSY. */

const saved = { ...process.env };
afterEach(async () => {
  await shutdownPortraitWorkers();
  for (const key of ["FACE_WORKERS", "FACE_QUEUE_MAX", "FACE_MAX_WAIT_MS"])
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
});

describe("portrait pool admission", () => {
  it("refuses a job by its expected wait even when the queue has room, with a code and Retry-After", async () => {
    await shutdownPortraitWorkers();
    process.env.FACE_WORKERS = "1";
    process.env.FACE_QUEUE_MAX = "64";
    process.env.FACE_MAX_WAIT_MS = "0"; // any wait at all is too long
    const bytes = await F.frontalJpeg();
    const settled = await Promise.allSettled(
      Array.from({ length: 5 }, () => processPortrait(bytes, { qualityCheck: true })),
    );
    // The first finds the worker free; the other four would wait behind it and are refused at once.
    // The first one's second stage (the descriptor) continues admitted work and is never shed.
    const done = settled.filter((s) => s.status === "fulfilled");
    expect(done).toHaveLength(1);
    expect((done[0] as PromiseFulfilledResult<{ template: unknown }>).value.template).not.toBeNull();
    for (const s of settled.filter((s) => s.status === "rejected")) {
      const reason = (s as PromiseRejectedResult).reason;
      expect(isPortraitBusy(reason)).toBe(true);
      expect(isAppError(reason) && reason.status).toBe(503);
      expect(isAppError(reason) && reason.extra?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
  });

  it("admits everything while the expected wait stays under the limit", async () => {
    await shutdownPortraitWorkers();
    process.env.FACE_WORKERS = "1";
    process.env.FACE_QUEUE_MAX = "64";
    process.env.FACE_MAX_WAIT_MS = "60000";
    const bytes = await F.frontalJpeg();
    const results = await Promise.all(
      Array.from({ length: 4 }, () => processPortrait(bytes, { qualityCheck: true })),
    );
    expect(results.every((r) => r.report.accepted)).toBe(true);
  });

  it("admits whole portraits by Little's law before their decode starts, and refuses the rest at once", async () => {
    await shutdownPortraitWorkers();
    process.env.FACE_WORKERS = "1";
    process.env.FACE_MAX_WAIT_MS = "1500";
    const work = () => new Promise((resolve) => setTimeout(resolve, 300));
    // Cold (nothing finished yet): a second per portrait is assumed, so two fit in 1.5 s.
    const first = await Promise.allSettled(Array.from({ length: 5 }, () => withPortraitAdmission(work)));
    expect(first.map((s) => s.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "rejected",
      "rejected",
    ]);
    expect(isPortraitBusy((first[2] as PromiseRejectedResult).reason)).toBe(true);
    // Two finished in the last seconds: the measured rate decides now, and a slot freed is reusable.
    await expect(withPortraitAdmission(work)).resolves.toBeUndefined();
  });

  it("never sheds a later reading of a photo it already took (turned, padded, stretched)", async () => {
    await shutdownPortraitWorkers();
    process.env.FACE_WORKERS = "1";
    process.env.FACE_MAX_WAIT_MS = "0"; // a new photo finding the worker busy is refused at once
    // A sideways photo (no EXIF) is read once as it is and again turned. Between two readings,
    // another upload's job takes the worker (here a template job, which is never shed): the next
    // reading of this photo must wait for it, not answer BUSY after the work already done.
    const pool = getPool();
    const run = pool.run.bind(pool);
    const detectOptions: ({ continuation?: boolean } | undefined)[] = [];
    vi.spyOn(pool, "run").mockImplementation((message, transfer, options) => {
      if (message.kind === "detect") {
        detectOptions.push(options);
        if (detectOptions.length > 1) {
          const chip = new Uint8Array(CHIP_SIZE * CHIP_SIZE * 3);
          run({ kind: "describe", rgb: chip.buffer, size: CHIP_SIZE }, [chip.buffer]).catch(() => {});
        }
      }
      return run(message, transfer, options);
    });
    const sideways = await sharp(await F.frontalJpeg())
      .rotate(90)
      .jpeg({ quality: 92 })
      .toBuffer();
    const r = await processPortrait(sideways, { qualityCheck: true });
    expect(r.report.accepted).toBe(true);
    expect(r.report.metrics.turnedDeg).toBe(270);
    expect(detectOptions.length).toBeGreaterThan(1);
    expect(detectOptions[0]?.continuation).toBe(false);
    expect(detectOptions.slice(1).every((o) => o?.continuation === true)).toBe(true);
  });
});

describe("the face worker", () => {
  it("is found from the pool's own module, whatever the working directory (issue 12, item 7)", async () => {
    await shutdownPortraitWorkers();
    process.env.FACE_WORKERS = "1";
    const cwd = process.cwd();
    process.chdir(tmpdir());
    // The pool module loaded afresh while the working directory is elsewhere, as a server started
    // from another folder would load it.
    vi.resetModules();
    const fresh = await import("./pool");
    try {
      const chip = new Uint8Array(CHIP_SIZE * CHIP_SIZE * 3).fill(128);
      const { descriptor } = await fresh
        .getPool()
        .run({ kind: "describe", rgb: chip.buffer, size: CHIP_SIZE }, [chip.buffer]);
      expect(descriptor).toHaveLength(128);
    } finally {
      await fresh.shutdownPortraitWorkers();
      process.chdir(cwd);
    }
  });
});
