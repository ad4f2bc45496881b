/**
 * Finding the faces in a photo: detection in the worker pool, the non-human guard, and the photo's
 * orientation (rotation without EXIF). Decisions only; the networks run in face-worker.mjs.
 */
import { edgePadded, quarterTurn, shrunk, type RgbImage } from "./decode";
import { faceGeometry, landmarksNearEdge, type FaceGeometry, type Pt } from "./geometry";
import { landmarks68 } from "./mesh";
import { lipsOverEyesRedness } from "./occlusion";
import { FLAT_SHARE_MAX, flatShare } from "./exposure";
import { getPool } from "./pool";
import type { WireFace } from "./worker-protocol";
import type { QualityThresholds } from "./thresholds";

/**
 * Non-human guard (drawings, renders, masks, animals): not tunable per organization. BlazeFace and
 * the face mesh fire on anything face-like, so a face counts only when
 * - the detector is reasonably sure (minFaceScore, per organization);
 * - the landmark constellation is a plausible human face (geometry.ts);
 * - the skin has natural texture: camera noise means almost no skin pixel has a perfectly uniform
 *   3×3 neighbourhood (real faces ≤ 0.011, also 12 MP upscaled); drawings and renders score 0.1+.
 *   The most natural band of the face counts (a drawn occluder is flat, a drawn face is flat all
 *   over), and the test is skipped on a photo whose JPEG blocks are visible (they are flat too).
 */

export interface Candidate {
  wire: WireFace;
  landmarks: Pt[];
  geo: FaceGeometry;
  area: number;
  human: boolean;
  flat: number;
  /** Lips' redness over the eyes' (occlusion.ts): which way up the mesh sits. */
  redness: number;
}

/** Worker time spent on detection, over every reading of the photo. */
export interface DetectClock {
  ms: number;
  reads: number;
}

/**
 * Faces in one image, largest first, each judged human or not. `texture` is the image the skin's
 * texture is judged on: the photo itself, also when faces are looked for in a contrast-stretched copy
 * (stretching a drawing's white paper to pure white would hide how flat it is).
 */
export async function findFaces(
  img: RgbImage,
  t: QualityThresholds,
  blocky: boolean,
  clock: DetectClock,
  texture: RgbImage = img,
): Promise<Candidate[]> {
  // The detector and the mesh see at most DETECT_LONG_SIDE px (the mesh works on a 192 px crop of
  // the face; a portrait's face is far larger even then); coordinates come back at full scale.
  const small = await shrunk(img, DETECT_LONG_SIDE);
  const k = img.width / small.width;
  let faces = await detectIn(small, clock);
  // A tight crop (landmarks close to the photo's edge) gives BlazeFace and the mesh no context, and
  // their fit slips (an upside-down tight crop was fitted past the photo's edge, read as cut off).
  // Such a photo is read again with its edge pixels repeated around it, as one would crop it
  // looser; that reading is kept when it finds a face (coordinates shifted back: a face really cut
  // off still has landmarks past the edge).
  if (faces.some((f) => tightCrop(f, small))) {
    const pad = Math.round(TIGHT_PAD * Math.max(small.width, small.height));
    const again = await detectIn(await edgePadded(small, pad), clock);
    if (again.length) {
      for (const f of again) {
        f.box = { ...f.box, x: f.box.x - pad, y: f.box.y - pad };
        f.mesh = f.mesh.map((v, i) => (i % 3 === 2 ? v : v - pad));
      }
      faces = again;
    }
  }
  if (k !== 1)
    for (const f of faces) {
      f.box = { x: f.box.x * k, y: f.box.y * k, width: f.box.width * k, height: f.box.height * k };
      f.mesh = f.mesh.map((v) => v * k);
    }
  return faces
    .map((wire) => {
      const landmarks = landmarks68(wire.mesh);
      const geo = faceGeometry(landmarks, { yawDeg: wire.rotation.yaw, pitchDeg: wire.rotation.pitch });
      const flat = Math.min(...flatShare(texture, landmarks).map((b) => b.flat));
      const natural = blocky || flat <= FLAT_SHARE_MAX;
      const human = wire.boxScore >= t.minFaceScore && geo.plausible && natural;
      const redness = lipsOverEyesRedness(img, wire.mesh, geo.interEye);
      return { wire, landmarks, geo, area: wire.box.width * wire.box.height, human, flat, redness };
    })
    .sort((a, b) => b.area - a.area || b.wire.boxScore - a.wire.boxScore);
}

const DETECT_LONG_SIDE = 720;
/**
 * A tight crop: the face's landmarks, widened by this share of their size on every side, leave the
 * photo (the TIGHT_CROP warning's default margin)…
 */
const TIGHT_MARGIN = 0.1;
/** …is read again padded by this share of its long side on every side. */
const TIGHT_PAD = 0.2;

const tightCrop = (f: WireFace, img: RgbImage) => landmarksNearEdge(landmarks68(f.mesh), img, TIGHT_MARGIN);

async function detectIn(img: RgbImage, clock: DetectClock): Promise<WireFace[]> {
  const pixels = new Uint8Array(img.data); // a copy we can transfer; the image stays here
  // Only a photo's first reading may be shed as busy: a later one (turned, padded, stretched)
  // continues a portrait the pool already took, and refusing it would waste the work done.
  const detected = await getPool().run(
    { kind: "detect", rgb: pixels.buffer, width: img.width, height: img.height },
    [pixels.buffer],
    { continuation: clock.reads > 0 },
  );
  clock.ms += detected.ms;
  clock.reads++;
  return detected.faces;
}

const upright = (c: Candidate | undefined, t: QualityThresholds) =>
  c !== undefined && Math.abs(c.geo.rollDeg) <= t.rollRejectDeg;

/**
 * How much a candidate looks like an upright face: BlazeFace's score, less for an unsure mesh, more
 * when the lips are redder than the eyes (never less: a mask hides the lips). An upside-down face is
 * found too — the detector takes the mouth for the eyes and the mesh follows — but scores lower.
 */
const uprightness = (c: Candidate) =>
  c.wire.boxScore + 0.5 * (c.wire.meshScore - 1) + 0.005 * Math.max(0, Math.min(20, c.redness));
/** Sure enough to skip reading the photo in the other orientations. */
const SURELY_UPRIGHT = { boxScore: 0.85, redness: 5, rollDeg: 20 };
/** Another orientation must stand better by this much to turn the photo. */
const TURN_MARGIN = 0.05;

/**
 * Rotation without EXIF. Unless the face found is surely upright, the photo is also read turned by
 * 90°, 180° and 270°, and the orientation whose main face stands best wins (the upright reading on a
 * tie). A face lying sideways is found with a large roll, and an upside-down one is found too (the
 * detector takes the mouth for the eyes and the mesh follows) but stands worse than when turned.
 * The stored image is the turned one; it is then checked as usual.
 */
export async function findUpright(
  img: RgbImage,
  t: QualityThresholds,
  blocky: boolean,
  clock: DetectClock,
): Promise<{ img: RgbImage; candidates: Candidate[]; turnedDeg: number }> {
  const read = async (deg: number) => {
    const turned = deg ? await quarterTurn(img, deg) : img;
    const candidates = await findFaces(turned, t, blocky, clock);
    const main = candidates.find((c) => c.human);
    return { img: turned, candidates, turnedDeg: deg, main: upright(main, t) ? main : undefined };
  };
  const first = await read(0);
  const m = first.main;
  const sure = (c: Candidate) =>
    c.wire.boxScore >= SURELY_UPRIGHT.boxScore &&
    c.redness >= SURELY_UPRIGHT.redness &&
    Math.abs(c.geo.rollDeg) <= SURELY_UPRIGHT.rollDeg;
  // Several upright faces agree on the photo's orientation (a group photo) as well as one sure face.
  const uprightFaces = first.candidates.filter((c) => c.human && upright(c, t));
  if (m && (sure(m) || uprightFaces.length >= 2)) return first;
  let best = first;
  for (const deg of [90, 180, 270]) {
    const other = await read(deg);
    if (!other.main) continue;
    // Against a face found upright, another reading must stand clearly better and show red lips
    // below the eyes (a face cut off below the nose, or behind a mask, is never turned).
    if (best.main && !(other.main.redness > 0)) continue;
    const bar = best.main ? uprightness(best.main) + (best === first ? TURN_MARGIN : 0) : -Infinity;
    if (uprightness(other.main) > bar) best = other;
  }
  return best;
}
