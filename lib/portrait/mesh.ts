/**
 * The 468-point face mesh (MediaPipe topology, as @vladmandic/human returns it) and the 68-point
 * (iBUG) landmarks the rest of the pipeline measures with, derived from it.
 */
import type { Pt } from "./geometry";

/**
 * Mesh index for each iBUG-68 point, in iBUG order: jaw 0–16, brows 17–26, nose 27–35, eyes 36–47
 * (36–41 the eye on the image's left), lips 48–67. The usual MediaPipe → dlib correspondence.
 */
export const MESH_TO_68 = [
  // jaw line, image-left to image-right
  162, 234, 93, 58, 172, 136, 149, 148, 152, 377, 378, 365, 397, 288, 323, 454, 389,
  // brows
  71, 63, 105, 66, 107, 336, 296, 334, 293, 301,
  // nose bridge and base
  168, 197, 5, 4, 75, 97, 2, 326, 305,
  // eyes (contours refined by the iris model)
  33, 160, 158, 133, 153, 144, 362, 385, 387, 263, 373, 380,
  // outer lips, inner lips
  61, 39, 37, 0, 267, 269, 291, 405, 314, 17, 84, 181, 78, 82, 13, 312, 308, 317, 14, 87,
] as const;

/** Mesh regions the occlusion measure samples (indices into the 468 points). */
export const MESH_REGIONS = {
  /** Eye contours (between the lids), image-left eye then image-right eye. */
  eyeA: [33, 246, 161, 160, 159, 158, 157, 173, 133, 155, 154, 153, 145, 144, 163, 7],
  eyeB: [263, 466, 388, 387, 386, 385, 384, 398, 362, 382, 381, 380, 374, 373, 390, 249],
  /** Outer lip contour. */
  lips: [61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291, 375, 321, 405, 314, 17, 84, 181, 91, 146],
  /** Nose tip and the lower nose around it. */
  noseTip: 4,
  /** Lower lip: its inner and outer edge on the face's midline (its middle is between them). */
  lowerLip: [14, 17],
  /** Between the brows (glabella): bare skin under a mask, over sunglasses' bridge, under most fringes. */
  glabella: 9,
  /** Middle of the forehead, above the brows. */
  forehead: 151,
  /** Cheeks beside the nose (bare under sunglasses). */
  cheekA: 205,
  cheekB: 425,
} as const;

export type Mesh = {
  x: (i: number) => number;
  y: (i: number) => number;
  z: (i: number) => number;
  pt: (i: number) => Pt;
};

export function meshOf(flat: number[]): Mesh {
  return {
    x: (i) => flat[i * 3]!,
    y: (i) => flat[i * 3 + 1]!,
    z: (i) => flat[i * 3 + 2]!,
    pt: (i) => [flat[i * 3]!, flat[i * 3 + 1]!],
  };
}

export function landmarks68(flat: number[]): Pt[] {
  const m = meshOf(flat);
  return MESH_TO_68.map((i) => m.pt(i));
}
