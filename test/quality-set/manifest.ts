/**
 * The labelled quality set: source photo + generated variant + what the check must decide.
 * Used by `npm run eval -- quality` (scripts/eval.ts) and by the real-photo tests.
 */
import type { PortraitResult, QualityCode } from "@/lib/portrait";
import {
  ANIMALS,
  NOT_PEOPLE,
  PORTRAITS,
  REAL_OTHER,
  STATUES,
  type OtherSource,
  type PortraitSource,
} from "./sources";
import * as V from "./variants";

export type Expectation =
  /** Accepted (warnings allowed); `turned`: the photo was turned upright by this many degrees; `warn`: this warning is present. */
  | { kind: "accept"; turned?: number; warn?: QualityCode }
  /** Refused with this primary code. */
  | { kind: "reject"; code: QualityCode };

export interface Item {
  id: string;
  source: string;
  variant: string;
  /** The category the item counts under in the table. */
  category: string;
  expect: Expectation;
  bytes: () => Promise<Buffer>;
}

const accept = (extra: { turned?: number; warn?: QualityCode } = {}): Expectation => ({
  kind: "accept",
  ...extra,
});
const reject = (code: QualityCode): Expectation => ({ kind: "reject", code });

export function portraitItems(src: PortraitSource): Item[] {
  const base = () => V.prepared(src);
  const item = (
    variant: string,
    category: string,
    expect: Expectation,
    make: (b: Buffer) => Promise<Buffer>,
  ): Item => ({
    id: `${src.id}/${variant}`,
    source: src.id,
    variant,
    category,
    expect,
    bytes: async () => make(await base()),
  });
  return [
    item("original", "frontal portrait", accept(), async (b) => b),
    item("mirrored", "mirrored", accept(), V.mirrored),
    item("noisy", "noisy (σ 12)", accept(), (b) => V.noisy(b)),
    item("jpeg-q8", "JPEG quality 8", accept({ warn: "HEAVY_COMPRESSION" }), (b) => V.compressed(b, 8)),
    item("turned-90", "turned 90° (no EXIF)", accept({ turned: 270 }), (b) => V.turned(b, 90)),
    item("turned-180", "turned 180° (no EXIF)", accept({ turned: 180 }), (b) => V.turned(b, 180)),
    item("turned-270", "turned 270° (no EXIF)", accept({ turned: 90 }), (b) => V.turned(b, 270)),
    item("glasses-thin", "clear glasses (thin frame)", accept(), (b) =>
      V.clearGlasses(b, src.anchors, "thin"),
    ),
    item("glasses-thick", "clear glasses (thick frame)", accept(), (b) =>
      V.clearGlasses(b, src.anchors, "thick"),
    ),
    item("dark-hat", "dark hat over the forehead", accept(), (b) => V.darkHat(b, src.anchors)),
    item("warm-cast", "warm colour cast", accept(), V.warmCast),
    item("eye-band", "eyes: black band", reject("FACE_OCCLUDED"), (b) => V.eyeBand(b, src.anchors)),
    item("sunglasses", "eyes: dark sunglasses", reject("FACE_OCCLUDED"), (b) => V.sunglasses(b, src.anchors)),
    item("mask-white", "mask (white)", reject("FACE_OCCLUDED"), (b) => V.faceMask(b, src.anchors, "white")),
    item("mask-blue", "mask (blue)", reject("FACE_OCCLUDED"), (b) => V.faceMask(b, src.anchors, "blue")),
    item("mask-black", "mask (black)", reject("FACE_OCCLUDED"), (b) => V.faceMask(b, src.anchors, "black")),
    item("on-screen", "on a screen at an angle", reject("FACE_NOT_FOUND"), (b) => V.onSurface(b, "screen")),
    item("on-page", "on a printed page at an angle", reject("FACE_NOT_FOUND"), (b) => V.onSurface(b, "page")),
  ];
}

function otherItems(src: OtherSource, category: string, expect: Expectation, turns = false): Item[] {
  const items: Item[] = [
    {
      id: `${src.id}/original`,
      source: src.id,
      variant: "original",
      category,
      expect,
      bytes: () => V.prepared(src),
    },
  ];
  if (turns)
    items.push({
      id: `${src.id}/turned-90`,
      source: src.id,
      variant: "turned-90",
      category,
      expect,
      bytes: async () => V.turned(await V.prepared(src), 90),
    });
  return items;
}

export function allItems(): Item[] {
  return [
    ...PORTRAITS.flatMap(portraitItems),
    ...REAL_OTHER.flatMap((s) =>
      otherItems(s, s.category, s.expect === "accepted" ? accept() : reject(s.expect as QualityCode)),
    ),
    ...ANIMALS.flatMap((s) => otherItems(s, "animal", reject("FACE_NOT_FOUND"), true)),
    ...STATUES.flatMap((s) => otherItems(s, "statue / figurine", reject("FACE_NOT_FOUND"))),
    ...NOT_PEOPLE.flatMap((s) =>
      otherItems(s, "drawing / painting / mask / render", reject("FACE_NOT_FOUND")),
    ),
  ];
}

/** Whether the check decided the item right. */
export function decidedRight(expect: Expectation, r: PortraitResult): boolean {
  const report = r.report;
  if (expect.kind === "reject") return !report.accepted && report.primary?.code === expect.code;
  if (!report.accepted) return false;
  if (expect.turned !== undefined && (report.metrics.turnedDeg ?? 0) !== expect.turned) return false;
  if (expect.warn && !report.issues.some((i) => i.code === expect.warn)) return false;
  return true;
}

export const expectLabel = (e: Expectation) =>
  e.kind === "reject"
    ? e.code
    : e.warn
      ? `accepted + ${e.warn}`
      : e.turned
        ? "accepted, turned upright"
        : "accepted";
