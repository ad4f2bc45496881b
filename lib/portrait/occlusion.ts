/**
 * Occlusion (FACE_OCCLUDED): is something in front of the eyes or of the nose and mouth?
 * The mesh places the eyes, nose and lips where they must be even under sunglasses or a mask; the
 * pixels there are then compared with bare skin of the same face that such occluders leave free.
 *
 * - Eyes: share of pixels in the eye regions (the eye contours, enlarged to take in the lids) that
 *   are much darker than the face's bare skin (cheeks and nose tip, and the forehead: the lower of
 *   the two readings). Open eyes are part iris, part sclera and lids: 0.1–0.7; sunglasses and a band
 *   over the eyes: > 0.8. Or: the skin between the brows is nearly black (< 0.25 of the cheeks'
 *   lightness: a band the mesh has slipped under) while the forehead above is not (a hat's brim or
 *   a dark fringe over both leaves the eyes free).
 * - Nose and mouth: share of pixels on the nose tip and on the lower lip whose colour is far from the
 *   skin between the brows (CIELAB distance, lightness at half weight so shading matters less than
 *   colour). A mask (white, blue, black, patterned) covers both; lipstick or a moustache changes
 *   one at most, so both must be foreign.
 */
import { bbox, type Pt } from "./geometry";
import { MESH_REGIONS, meshOf } from "./mesh";
import { halfExposures, insideRuns, type Pixels } from "./exposure";
import type { QualityThresholds } from "./thresholds";

export interface Occlusion {
  /** Share of eye-region pixels darker than EYE_DARK_RELATIVE × the bare skin's lightness (worse eye). */
  eyesDark: number;
  /** The skin between the brows is dark while cheeks or forehead are lit (something over the upper face). */
  glabellaCovered: boolean;
  /** Share of nose-tip pixels foreign to the skin between the brows. */
  noseForeign: number;
  /** Share of lower-lip pixels foreign to the skin between the brows. */
  mouthForeign: number;
  /**
   * Share of pixels foreign to the skin between the brows in a strip below the eyes where nose and
   * mouth must be (0.55–1.3 eye distances down the face's axis, 0.6 wide), placed from the eyes
   * alone: a mask can squeeze the mesh's lower face into the visible part, never the eyes.
   */
  lowerFaceForeign: number;
}

/** A pixel is "dark" at less than this fraction of the bare skin's lightness (L*). */
const EYE_DARK_RELATIVE = 0.4;
/** Between the brows, "covered" means nearly black against the cheeks (a band, a lens bridge). */
const GLABELLA_DARK_RELATIVE = 0.25;
/**
 * Which parts of the face are covered, as the server check and the live guidance both judge it. In
 * crushed shadows or blown highlights every region looks foreign, so exposure is the message then
 * and nothing counts as covered: judged on both halves of the face (above and below the nose tip),
 * so that an occluder's own dark or bright pixels do not count.
 */
export function coveredParts(
  img: Pixels,
  landmarks: Pt[],
  occ: Occlusion,
  t: QualityThresholds,
): { eyes: boolean; mouth: boolean } {
  const [upper, lower] = halfExposures(img, landmarks);
  const exposureHides =
    Math.min(upper!.dark, lower!.dark) >= t.darkShareWarn ||
    Math.min(upper!.bright, lower!.bright) >= t.brightShareWarn;
  if (exposureHides) return { eyes: false, mouth: false };
  return {
    eyes: occ.eyesDark >= t.occludedEyesDarkShare || occ.glabellaCovered,
    mouth:
      Math.min(occ.noseForeign, occ.mouthForeign) >= t.occludedForeignShare ||
      occ.lowerFaceForeign >= t.occludedLowerFaceShare,
  };
}

/** Weighted CIELAB distance above which a pixel is not the face's skin. */
const FOREIGN_DELTA_E = 20;

export function occlusionOf(img: Pixels, mesh: number[], interEye: number): Occlusion {
  const m = meshOf(mesh);
  const r = Math.max(2, interEye);
  const step = stepFor(r);
  // Bare-skin patches that different occluders leave free: cheeks and nose tip (free under
  // sunglasses), the forehead (free under a mask or sunglasses), between the brows (free under a mask).
  const patch = (idx: number[], radius: number) =>
    lab3(idx.flatMap((i) => labInDisk(img, m.pt(i), radius * r, step)));
  const cheeks = patch([MESH_REGIONS.cheekA, MESH_REGIONS.cheekB, MESH_REGIONS.noseTip], 0.15);
  const forehead = patch([MESH_REGIONS.forehead], 0.12);
  const glabella = patch([MESH_REGIONS.glabella], 0.12);

  const eyeDark = (idx: readonly number[], skin: Lab | null) => {
    const lab = eyeRegionLab(img, m, idx, step);
    if (lab.length === 0 || skin === null) return 0;
    let dark = 0;
    for (let k = 0; k < lab.length; k += 3) if (lab[k]! < EYE_DARK_RELATIVE * skin[0]) dark++;
    return dark / (lab.length / 3);
  };
  // Against the darker-reading reference of the two: a white mask brightens the cheeks, a fringe
  // darkens the forehead; covered eyes are dark against both.
  const eyesDarkAgainst = (skin: Lab | null) =>
    Math.max(eyeDark(MESH_REGIONS.eyeA, skin), eyeDark(MESH_REGIONS.eyeB, skin));
  const eyesDark = Math.min(eyesDarkAgainst(cheeks), forehead ? eyesDarkAgainst(forehead) : 1);
  const [top, bottom] = MESH_REGIONS.lowerLip.map((i) => m.pt(i));
  const lowerLip: Pt = [(top![0] + bottom![0]) / 2, (top![1] + bottom![1]) / 2];
  const eyeA = centroid(MESH_REGIONS.eyeA.map((i) => m.pt(i)));
  const eyeB = centroid(MESH_REGIONS.eyeB.map((i) => m.pt(i)));
  const mid: Pt = [(eyeA[0] + eyeB[0]) / 2, (eyeA[1] + eyeB[1]) / 2];
  const ied = Math.max(2, Math.hypot(eyeB[0] - eyeA[0], eyeB[1] - eyeA[1]));
  const across: Pt = [(eyeB[0] - eyeA[0]) / ied, (eyeB[1] - eyeA[1]) / ied];
  const down: Pt = [-across[1], across[0]];
  const at = (a: number, d: number): Pt => [
    mid[0] + ied * (a * across[0] + d * down[0]),
    mid[1] + ied * (a * across[1] + d * down[1]),
  ];
  // Dark between the brows while the cheeks are lit: a band or sunglasses' bridge over the upper
  // face, even when the mesh has slipped below it.
  // Against the cheeks only, and only when nearly black: a forehead in full light over a glabella
  // in shade (or the bridge of dark-framed glasses) must not read as covered.
  const bright = Math.max(cheeks?.[0] ?? 0, forehead?.[0] ?? 0);
  const glabellaDark =
    glabella !== null && cheeks !== null && glabella[0] < GLABELLA_DARK_RELATIVE * cheeks[0];
  // A band over the eyes has lit skin above it, however far the mesh slipped under it; a hat's brim
  // or a dark fringe is dark up to the hair or the photo's top edge, and leaves the eyes free.
  const glabellaCovered = glabellaDark && litAbove(img, m.pt(MESH_REGIONS.glabella), down, ied, cheeks, step);

  // The lower face is compared with skin above it: between the brows, or — when that is dark (a
  // band, a hat's brim) — the forehead, or else the cheeks.
  const ref = !glabellaDark
    ? glabella
    : forehead && forehead[0] >= EYE_DARK_RELATIVE * bright
      ? forehead
      : cheeks;
  const refChroma = ref ? Math.hypot(ref[1], ref[2]) : 0;
  const foreign = (lab: number[]) => {
    if (lab.length === 0 || ref === null) return 0;
    let n = 0;
    for (let k = 0; k < lab.length; k += 3) {
      const dl = (lab[k]! - ref[0]) / 2;
      const da = lab[k + 1]! - ref[1];
      const db = lab[k + 2]! - ref[2];
      // Far from the skin's colour, or much greyer than a clearly coloured skin (a white mask on pale skin).
      const greyer = refChroma >= 8 && Math.hypot(lab[k + 1]!, lab[k + 2]!) < 0.35 * refChroma;
      if (Math.hypot(dl, da, db) > FOREIGN_DELTA_E || greyer) n++;
    }
    return n / (lab.length / 3);
  };
  const strip = [at(-0.3, 0.55), at(0.3, 0.55), at(0.3, 1.3), at(-0.3, 1.3)];
  return {
    eyesDark,
    glabellaCovered,
    noseForeign: foreign(labInDisk(img, m.pt(MESH_REGIONS.noseTip), 0.18 * r, step)),
    mouthForeign: foreign(labInDisk(img, lowerLip, 0.1 * r, step)),
    lowerFaceForeign: foreign(labInPolygon(img, strip, step)),
  };
}

/** Up to this many eye distances above the glabella, in steps of LIT_STEP, for skin above a band. */
const LIT_REACH = 2;
const LIT_STEP = 0.15;
/** "Lit" skin: at least this fraction of the cheeks' lightness. */
const LIT_RELATIVE = 0.6;

/** Whether a patch of skin-like lightness lies above `from` along the face's up axis (−down). */
function litAbove(img: Pixels, from: Pt, down: Pt, ied: number, cheeks: Lab, step: number): boolean {
  for (let k = 1; k * LIT_STEP <= LIT_REACH; k++) {
    const at: Pt = [from[0] - down[0] * k * LIT_STEP * ied, from[1] - down[1] * k * LIT_STEP * ied];
    if (at[0] < 0 || at[1] < 0 || at[0] >= img.width || at[1] >= img.height) return false;
    const lab = lab3(labInDisk(img, at, 0.08 * ied, step));
    if (lab && lab[0] >= LIT_RELATIVE * cheeks[0]) return true;
  }
  return false;
}

type Lab = [number, number, number];
/** Median L*, a*, b* of a flat [L, a, b, …] list, or null when empty. */
const lab3 = (lab: number[]): Lab | null =>
  lab.length ? [median(lab, 0)!, median(lab, 1)!, median(lab, 2)!] : null;

const centroid = (pts: Pt[]): Pt => [
  pts.reduce((s, p) => s + p[0], 0) / pts.length,
  pts.reduce((s, p) => s + p[1], 0) / pts.length,
];

/** Points scaled about their centroid (sx horizontally, sy vertically). */
function enlarge(pts: Pt[], sx: number, sy: number): Pt[] {
  const cx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
  const cy = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  return pts.map(([x, y]) => [cx + (x - cx) * sx, cy + (y - cy) * sy]);
}

/**
 * Pixels are sampled on a grid of `step` px: regions are measured in eye distances, so a large face
 * needs no more samples than a small one (SAMPLES_PER_EYE_DISTANCE across).
 */
const SAMPLES_PER_EYE_DISTANCE = 48;
const stepFor = (interEye: number) => Math.max(1, Math.floor(interEye / SAMPLES_PER_EYE_DISTANCE));

function labInPolygon(img: Pixels, poly: Pt[], step: number): number[] {
  const b = bbox(poly);
  const runs = insideRuns(
    poly,
    Math.max(0, Math.floor(b.x)),
    Math.max(0, Math.floor(b.y)),
    Math.min(img.width, Math.ceil(b.x + b.width)),
    Math.min(img.height, Math.ceil(b.y + b.height)),
  );
  const out: number[] = [];
  for (let k = 0; k < runs.length; k += 3) {
    if (runs[k]! % step) continue;
    for (let x = runs[k + 1]!; x < runs[k + 2]!; x++) if (x % step === 0) pushLab(img, x, runs[k]!, out);
  }
  return out;
}

function labInDisk(img: Pixels, [cx, cy]: Pt, radius: number, step: number): number[] {
  const out: number[] = [];
  const r2 = radius * radius;
  const y0 = Math.max(0, Math.floor(cy - radius));
  const x0 = Math.max(0, Math.floor(cx - radius));
  for (
    let y = y0 + ((step - (y0 % step)) % step);
    y < Math.min(img.height, Math.ceil(cy + radius));
    y += step
  )
    for (
      let x = x0 + ((step - (x0 % step)) % step);
      x < Math.min(img.width, Math.ceil(cx + radius));
      x += step
    )
      if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r2) pushLab(img, x, y, out);
  return out;
}

/** Median of one channel of a flat [L, a, b, …] list, or null when empty. */
function median(lab: number[], channel: number): number | null {
  const v: number[] = [];
  for (let k = channel; k < lab.length; k += 3) v.push(lab[k]!);
  if (v.length === 0) return null;
  v.sort((a, b) => a - b);
  return v[v.length >> 1]!;
}

const LINEAR = Array.from({ length: 256 }, (_, i) => {
  const c = i / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});
const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);

/** sRGB pixel → CIELAB (D65), appended to out. */
function pushLab(img: Pixels, x: number, y: number, out: number[]) {
  const i = (y * img.width + x) * 3;
  const r = LINEAR[img.data[i]!]!;
  const g = LINEAR[img.data[i + 1]!]!;
  const b = LINEAR[img.data[i + 2]!]!;
  const fx = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const fy = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const fz = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  out.push(116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz));
}

/**
 * Which way up the mesh sits: median redness (CIELAB a*) of the lips minus that of the eye regions.
 * Lips are redder than anything around the eyes on every skin tone, so a mesh fitted to an
 * upside-down face (the detector takes the mouth for the eyes) reads negative.
 */
export function lipsOverEyesRedness(img: Pixels, mesh: number[], interEye: number): number {
  const m = meshOf(mesh);
  const step = stepFor(interEye);
  const lips = median(
    labInPolygon(
      img,
      MESH_REGIONS.lips.map((i) => m.pt(i)),
      step,
    ),
    1,
  );
  const eyes = median(
    [MESH_REGIONS.eyeA, MESH_REGIONS.eyeB].flatMap((idx) => eyeRegionLab(img, m, idx, step)),
    1,
  );
  return lips === null || eyes === null ? 0 : lips - eyes;
}

/** CIELAB of one eye's region as both eye measures read it: its mesh contour, 1.4× wider and 1.8× taller. */
function eyeRegionLab(img: Pixels, m: ReturnType<typeof meshOf>, idx: readonly number[], step: number) {
  return labInPolygon(
    img,
    enlarge(
      idx.map((i) => m.pt(i)),
      1.4,
      1.8,
    ),
    step,
  );
}
