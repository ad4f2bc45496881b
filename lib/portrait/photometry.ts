import sharp from "sharp";
import type { RgbImage } from "./decode";
import { laplacianStd, SHARPNESS_EYE_PX } from "./exposure";
import { bbox, type Pt } from "./geometry";

export {
  faceExposure,
  flatShare,
  halfExposures,
  imageExposure,
  insidePolygon,
  insideRuns,
  SHARPNESS_EYE_PX,
  type Exposure,
} from "./exposure";

/**
 * Sharpness: standard deviation of the Laplacian over the inner face, after resampling the face so
 * the eyes are SHARPNESS_EYE_PX apart (so the figure does not depend on resolution). Computed in
 * floating point here because sharp's 8-bit convolve() would clip the negative half.
 */
export async function faceSharpness(img: RgbImage, landmarks: Pt[], interEye: number): Promise<number> {
  const box = bbox(landmarks.slice(17, 68)); // brows to chin, no jaw contour (background edges)
  const left = Math.max(0, Math.floor(box.x));
  const top = Math.max(0, Math.floor(box.y));
  const width = Math.min(img.width - left, Math.ceil(box.width));
  const height = Math.min(img.height - top, Math.ceil(box.height));
  if (width < 4 || height < 4 || interEye <= 0) return 0;
  const k = SHARPNESS_EYE_PX / interEye;
  const w = Math.max(8, Math.round(width * k));
  const h = Math.max(8, Math.round(height * k));
  const grey = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .extract({ left, top, width, height })
    .resize(w, h, { fit: "fill", kernel: "cubic" })
    .greyscale()
    .raw()
    .toBuffer();
  return laplacianStd(grey, w, h);
}
