/**
 * The quality check on real photos (read from npm packages, see test/quality-set/sources.ts) and
 * variants of them: each behaviour the product promises about real faces, on several people.
 * The whole labelled set is measured by `npm run eval -- quality`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareTemplates, processPortrait, shutdownPortraitWorkers, warmPortraitWorkers } from "./index";
import { templateDistance } from "./compare";
import { ANIMALS, NOT_PEOPLE, PORTRAITS, REAL_OTHER, type PortraitSource } from "@/test/quality-set/sources";
import * as V from "@/test/quality-set/variants";

const check = (bytes: Uint8Array) => processPortrait(bytes, { qualityCheck: true });
const source = (id: string) => PORTRAITS.find((s) => s.id === id)!;
/** Four different people, lighting and framing: a studio portrait, video frames, tight crops padded. */
const PEOPLE = ["connery", "audrey", "franck-1829", "obama"].map(source);
const other = (id: string) => [...ANIMALS, ...NOT_PEOPLE].find((s) => s.id === id)!;

beforeAll(() => warmPortraitWorkers());
afterAll(() => shutdownPortraitWorkers());

describe("a frontal real portrait gets no pose issue", () => {
  it.each(PORTRAITS.map((s) => [s.id, s] as const))("%s", async (_id, src) => {
    const r = await check(await V.prepared(src));
    expect(r.report.accepted).toBe(true);
    const codes = r.report.issues.map((i) => i.code);
    expect(codes).not.toContain("HEAD_TURNED");
    expect(codes).not.toContain("HEAD_TILTED_UP_DOWN");
    expect(codes).not.toContain("FACE_OCCLUDED");
    // Read from the 3D mesh: within ±10° of straight ahead (roll is the photo's, and corrected).
    expect(Math.abs(r.report.face!.yawDeg)).toBeLessThanOrEqual(10);
    expect(Math.abs(r.report.face!.pitchDeg)).toBeLessThanOrEqual(10);
    expect(r.template).toHaveLength(128);
  });
});

describe("covered eyes and masks are FACE_OCCLUDED, naming what is covered", () => {
  const cases: [string, string, (b: Buffer, s: PortraitSource) => Promise<Buffer>][] = [
    ["black band over the eyes", "eyes", (b, s) => V.eyeBand(b, s.anchors)],
    ["dark sunglasses", "eyes", (b, s) => V.sunglasses(b, s.anchors)],
    ["white mask", "nose-mouth", (b, s) => V.faceMask(b, s.anchors, "white")],
    ["blue mask", "nose-mouth", (b, s) => V.faceMask(b, s.anchors, "blue")],
    ["black mask", "nose-mouth", (b, s) => V.faceMask(b, s.anchors, "black")],
  ];
  const rows = PEOPLE.flatMap((p) => cases.map(([name, part, make]) => [p.id, name, part, p, make] as const));
  it.each(rows)("%s, %s", async (_id, _name, part, src, make) => {
    const r = await check(await make(await V.prepared(src), src));
    expect(r.report.accepted).toBe(false);
    expect(r.report.primary?.code).toBe("FACE_OCCLUDED");
    expect(r.report.primary?.message).toMatch(
      part === "eyes" ? /eyes are covered/ : /nose and mouth are covered/,
    );
    expect(r.report.primary?.messageJa).toMatch(
      part === "eyes" ? /目が隠れています/ : /鼻と口が隠れています/,
    );
    expect(r.template).toBeNull();
  });
});

describe("glasses, a hat and a colour cast leave the eyes visible: never FACE_OCCLUDED", () => {
  const cases: [string, (b: Buffer, s: PortraitSource) => Promise<Buffer>][] = [
    ["clear glasses, thin frame", (b, s) => V.clearGlasses(b, s.anchors, "thin")],
    ["clear glasses, thick frame", (b, s) => V.clearGlasses(b, s.anchors, "thick")],
    ["a dark hat over the forehead", (b, s) => V.darkHat(b, s.anchors)],
    ["a warm colour cast", (b) => V.warmCast(b)],
  ];
  const rows = PEOPLE.flatMap((p) => cases.map(([name, make]) => [p.id, name, p, make] as const));
  it.each(rows)("%s, %s", async (_id, _name, src, make) => {
    const r = await check(await make(await V.prepared(src), src));
    expect(r.report.issues.map((i) => i.code)).not.toContain("FACE_OCCLUDED");
    expect(r.report.accepted).toBe(true);
  });

  it("a real photo: metal-rimmed glasses under a hat's brim (a tight crop, cut off — not covered)", async () => {
    const r = await check(await V.prepared(REAL_OTHER.find((s) => s.id === "walter-glasses")!));
    expect(r.report.issues.map((i) => i.code)).not.toContain("FACE_OCCLUDED");
    expect(r.report.primary?.code).toBe("FACE_CUT_OFF");
  });
});

describe("a photo turned without EXIF is turned upright, never 'no face'", () => {
  const rows = PEOPLE.flatMap((p) => ([90, 180, 270] as const).map((deg) => [p.id, deg, p] as const));
  it.each(rows)("%s turned %i°", async (_id, deg, src) => {
    const upright = await check(await V.prepared(src));
    const r = await check(await V.turned(await V.prepared(src), deg));
    expect(r.report.primary?.code).not.toBe("FACE_NOT_FOUND");
    expect(r.report.accepted).toBe(true);
    expect(r.report.metrics.turnedDeg).toBe((360 - deg) % 360);
    // The stored image is the upright one: same orientation as the original photo.
    expect(r.width! > r.height!).toBe(upright.width! > upright.height!);
    expect(compareTemplates(r.template!, upright.template!).samePerson).toBe(true);
  });
});

describe("a tight crop is read with context, so a turned one is turned upright, not 'cut off'", () => {
  // Rihanna's face nearly reaches the photo's edge: read as it is, the mesh of the upside-down face
  // was fitted past the edge (FACE_CUT_OFF); read again with its edges repeated around it, it stands
  // upright. Two other close crops alongside.
  it.each(["rihanna", "chuck", "kim"].map((id) => [id, source(id)] as const))(
    "%s turned 180°",
    async (_id, src) => {
      const r = await check(await V.turned(await V.prepared(src), 180));
      expect(r.report.issues.map((i) => i.code)).not.toContain("FACE_CUT_OFF");
      expect(r.report.accepted).toBe(true);
      expect(r.report.metrics.turnedDeg).toBe(180);
    },
  );
});

describe("animals, drawings, paintings and masks are no face", () => {
  it.each([
    "cat-black",
    "bird-monal",
    "mandrill",
    "spider",
    "painting-scream",
    "drawn-mask-ironman",
    "cartoon-penguins",
    "line-drawing-a",
  ])("%s → FACE_NOT_FOUND", async (id) => {
    const r = await check(await V.prepared(other(id)));
    expect(r.report.primary?.code).toBe("FACE_NOT_FOUND");
    expect(r.template).toBeNull();
  });

  it("a black cat in a dark photo is no face, not 'too dark'", async () => {
    const r = await check(await V.prepared(other("cat-black")));
    expect(r.report.metrics.imageDarkShare).toBeGreaterThan(0.6); // the photo is dark…
    expect(r.report.primary?.code).toBe("FACE_NOT_FOUND"); // …but there is no face to light better
  });
});

describe("a face on a screen or a printed page shown at an angle is no face", () => {
  const rows = PEOPLE.flatMap((p) => (["screen", "page"] as const).map((kind) => [p.id, kind, p] as const));
  it.each(rows)("%s on a %s", async (_id, kind, src) => {
    const r = await check(await V.onSurface(await V.prepared(src), kind));
    expect(r.report.primary?.code).toBe("FACE_NOT_FOUND");
    expect(r.report.metrics.frameSupport).toBeGreaterThanOrEqual(0.6);
  });
});

describe("heavy JPEG compression is a warning", () => {
  it.each(PEOPLE.map((p) => [p.id, p] as const))("%s at quality 8", async (_id, src) => {
    const r = await check(await V.compressed(await V.prepared(src), 8));
    expect(r.report.issues.find((i) => i.code === "HEAVY_COMPRESSION")?.severity).toBe("warn");
    const clean = await check(await V.prepared(src));
    expect(clean.report.issues.map((i) => i.code)).not.toContain("HEAVY_COMPRESSION");
  });
});

describe("recognition on real photos of the same people", () => {
  it("two photos of one person are nearer than any two different people", async () => {
    const templates = new Map<string, { person: string; t: number[] }>();
    for (const src of PORTRAITS) {
      const r = await check(await V.prepared(src));
      templates.set(src.id, { person: src.person, t: r.template! });
    }
    const same: number[] = [];
    const different: number[] = [];
    const all = [...templates.values()];
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++)
        (all[i]!.person === all[j]!.person ? same : different).push(templateDistance(all[i]!.t, all[j]!.t));
    expect(same.length).toBeGreaterThanOrEqual(6); // franck ×3, audrey ×2, cage ×2, bieber ×2
    expect(Math.max(...same)).toBeLessThan(Math.min(...different));
  });
});
