import sharp from "sharp";
import type { RgbImage } from "./decode";
import { laplacianStd, sharpnessWindow } from "./exposure";
import type { Pt } from "./geometry";

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
 * Sharpness: standard deviation of the Laplacian over the inner face, resampled as sharpnessWindow
 * says. Computed in floating point here because sharp's 8-bit convolve() would clip the negative half.
 */
export async function faceSharpness(img: RgbImage, landmarks: Pt[], interEye: number): Promise<number> {
  const win = sharpnessWindow(img, landmarks, interEye);
  if (!win) return 0;
  const { left, top, width, height, w, h } = win;
  const grey = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .extract({ left, top, width, height })
    .resize(w, h, { fit: "fill", kernel: "cubic" })
    .greyscale()
    .raw()
    .toBuffer();
  return laplacianStd(grey, w, h);
}
