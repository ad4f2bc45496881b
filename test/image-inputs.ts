/**
 * Every kind of image file a person or an admin could send, made with sharp at run time from the
 * frontal face of test/photos.ts, with the decision each must get (the same through every door:
 * the phone's upload route, the admin's server action and the REST API). Used by
 * lib/portrait/image-inputs.test.ts (the pipeline) and e2e/security/image-inputs.spec.ts (the built
 * server). Nothing here is used by the application.
 */
import { DEFAULT_THRESHOLDS } from "@/lib/portrait/thresholds";
import * as M from "./image-makers";
import * as P from "./photos";

export { exifOriented, orientationDiffs } from "./image-makers";

export interface ImageInput {
  name: string;
  bytes: () => Promise<Buffer>;
  /** What the file says it is (multipart file name and type): may lie. */
  fileName: string;
  type: string;
  /** Accepted as a portrait, or refused with this code. */
  expect: "accepted" | { code: string; status: 413 | 415 | 422 };
}

const refused = (code: string, status: 413 | 415 | 422 = 422) => ({ code, status });

const MAX = DEFAULT_THRESHOLDS.maxFileBytes;
const jpeg = "image/jpeg";

export const IMAGE_INPUTS: ImageInput[] = [
  ...[2, 3, 4, 5, 6, 7, 8].map((o): ImageInput => ({
    name: `EXIF orientation ${o} JPEG`,
    bytes: () => M.exifOriented(o),
    fileName: "IMG_0001.JPG",
    type: jpeg,
    expect: "accepted",
  })),
  {
    name: "EXIF orientation 6 PNG",
    bytes: () => M.exifOriented(6, "png"),
    fileName: "x.png",
    type: "image/png",
    expect: "accepted",
  },
  {
    name: "EXIF orientation 8 WebP",
    bytes: () => M.exifOriented(8, "webp"),
    fileName: "x.webp",
    type: "image/webp",
    expect: "accepted",
  },
  {
    name: "progressive JPEG",
    bytes: () => P.crop(6, P.FRONTAL).jpeg({ quality: 90, progressive: true }).toBuffer(),
    fileName: "p.jpg",
    type: jpeg,
    expect: "accepted",
  },
  {
    name: "CMYK JPEG",
    bytes: () => P.crop(6, P.FRONTAL).toColourspace("cmyk").jpeg({ quality: 92 }).toBuffer(),
    fileName: "cmyk.jpg",
    type: jpeg,
    expect: "accepted",
  },
  {
    name: "16-bit PNG",
    bytes: () => P.crop(6, P.FRONTAL).toColourspace("rgb16").png().toBuffer(),
    fileName: "deep.png",
    type: "image/png",
    expect: "accepted",
  },
  {
    name: "PNG, transparent background",
    bytes: () => M.transparentBackground("png"),
    fileName: "cut.png",
    type: "image/png",
    expect: "accepted",
  },
  {
    name: "WebP, transparent background",
    bytes: () => M.transparentBackground("webp"),
    fileName: "cut.webp",
    type: "image/webp",
    expect: "accepted",
  },
  {
    name: "greyscale JPEG",
    bytes: () => P.crop(6, P.FRONTAL).greyscale().jpeg({ quality: 92 }).toBuffer(),
    fileName: "grey.jpg",
    type: jpeg,
    expect: "accepted",
  },
  {
    name: "greyscale PNG with alpha",
    bytes: () => P.crop(6, P.FRONTAL).greyscale().ensureAlpha().png().toBuffer(),
    fileName: "grey.png",
    type: "image/png",
    expect: "accepted",
  },
  {
    name: "AVIF",
    bytes: () => P.crop(6, P.FRONTAL).avif({ quality: 60, effort: 2 }).toBuffer(),
    fileName: "x.avif",
    type: "image/avif",
    expect: "accepted",
  },
  {
    name: "Display P3 JPEG (as iPhones write)",
    bytes: () => P.crop(6, P.FRONTAL).withIccProfile("p3").jpeg({ quality: 90 }).toBuffer(),
    fileName: "IMG_0004.JPG",
    type: jpeg,
    expect: "accepted",
  },
  {
    name: "Ultra HDR JPEG (gain map, as Pixel phones write)",
    bytes: () => M.ultraHdrJpeg(),
    fileName: "PXL_0001.jpg",
    type: jpeg,
    expect: "accepted",
  },
  {
    name: "animated WebP (face first)",
    bytes: () => M.animatedFace("webp"),
    fileName: "a.webp",
    type: "image/webp",
    expect: "accepted",
  },
  {
    name: "animated GIF (face first)",
    bytes: () => M.animatedFace("gif"),
    fileName: "a.gif",
    type: "image/gif",
    expect: refused("UNSUPPORTED_FORMAT", 415),
  },
  {
    name: "HEIC (iPhone header)",
    bytes: async () => P.HEIC_HEADER,
    fileName: "IMG_0001.HEIC",
    type: "image/heic",
    expect: refused("UNSUPPORTED_FORMAT", 415),
  },
  {
    name: "SVG with a script",
    bytes: async () => P.SVG_WITH_SCRIPT,
    fileName: "face.svg",
    type: "image/svg+xml",
    expect: refused("UNSUPPORTED_FORMAT", 415),
  },
  {
    name: "SVG named .jpg (with an XML prolog)",
    bytes: async () => Buffer.concat([Buffer.from('<?xml version="1.0"?>\n'), P.SVG_WITH_SCRIPT]),
    fileName: "face.jpg",
    type: jpeg,
    expect: refused("UNSUPPORTED_FORMAT", 415),
  },
  {
    name: "TIFF",
    bytes: () => P.crop(6, P.FRONTAL).tiff().toBuffer(),
    fileName: "scan.tif",
    type: "image/tiff",
    expect: refused("UNSUPPORTED_FORMAT", 415),
  },
  {
    name: "BMP",
    bytes: async () => M.bmpOf(await M.upright()),
    fileName: "face.bmp",
    type: "image/bmp",
    expect: refused("UNSUPPORTED_FORMAT", 415),
  },
  {
    name: "truncated JPEG",
    bytes: async () => P.truncated(await P.frontalJpeg()),
    fileName: "t.jpg",
    type: jpeg,
    expect: refused("IMAGE_UNREADABLE"),
  },
  {
    name: "truncated progressive JPEG",
    bytes: async () => P.truncated(await P.crop(6, P.FRONTAL).jpeg({ progressive: true }).toBuffer()),
    fileName: "t.jpg",
    type: jpeg,
    expect: refused("IMAGE_UNREADABLE"),
  },
  {
    name: "truncated PNG",
    bytes: async () => P.truncated(await P.frontalPng()),
    fileName: "t.png",
    type: "image/png",
    expect: refused("IMAGE_UNREADABLE"),
  },
  {
    name: "truncated WebP",
    bytes: async () => P.truncated(await P.crop(6, P.FRONTAL).webp({ quality: 90 }).toBuffer()),
    fileName: "t.webp",
    type: "image/webp",
    expect: refused("IMAGE_UNREADABLE"),
  },
  {
    name: "truncated AVIF",
    bytes: async () => P.truncated(await P.crop(6, P.FRONTAL).avif({ quality: 60, effort: 2 }).toBuffer()),
    fileName: "t.avif",
    type: "image/avif",
    expect: refused("IMAGE_UNREADABLE"),
  },
  {
    name: "JPEG header claiming 65 500 × 65 500",
    bytes: async () => M.claimDimensions(await P.frontalJpeg(), 65_500, 65_500),
    fileName: "bomb.jpg",
    type: jpeg,
    expect: refused("IMAGE_TOO_LARGE"),
  },
  {
    name: "JPEG of 60 MP (8 000 × 7 500, one colour)",
    bytes: () => M.plain(8000, 7500).jpeg({ quality: 50 }).toBuffer(),
    fileName: "big.jpg",
    type: jpeg,
    expect: refused("IMAGE_TOO_LARGE"),
  },
  {
    name: "PNG bomb 20 000 × 20 000",
    bytes: async () => P.bombPng(),
    fileName: "bomb.png",
    type: "image/png",
    expect: refused("IMAGE_TOO_LARGE"),
  },
  {
    name: "10 × 10 JPEG",
    bytes: () => P.crop(6, P.FRONTAL).resize(10, 10).jpeg().toBuffer(),
    fileName: "tiny.jpg",
    type: jpeg,
    expect: refused("IMAGE_TOO_SMALL"),
  },
  {
    name: "10 000 × 50 JPEG",
    bytes: () => M.plain(10_000, 50).jpeg().toBuffer(),
    fileName: "strip.jpg",
    type: jpeg,
    expect: refused("IMAGE_TOO_SMALL"),
  },
  {
    name: "10 000 × 400 JPEG with the face at one end",
    bytes: () => M.bannerJpeg(),
    fileName: "banner.jpg",
    type: jpeg,
    expect: refused("FACE_NOT_FOUND"),
  },
  {
    name: "PNG bytes named .jpg",
    bytes: () => P.frontalPng(),
    fileName: "photo.jpg",
    type: jpeg,
    expect: "accepted",
  },
  {
    name: "JPEG bytes named .heic",
    bytes: () => P.frontalJpeg(),
    fileName: "IMG_0002.HEIC",
    type: "image/heic",
    expect: "accepted",
  },
  {
    name: "GIF bytes named .jpg",
    bytes: () => P.crop(6, P.FRONTAL).gif().toBuffer(),
    fileName: "photo.jpg",
    type: jpeg,
    expect: refused("UNSUPPORTED_FORMAT", 415),
  },
  {
    name: "zero bytes",
    bytes: async () => Buffer.alloc(0),
    fileName: "empty.jpg",
    type: jpeg,
    expect: refused("IMAGE_UNREADABLE"),
  },
  {
    name: "15 MB − 1 byte",
    bytes: async () => M.paddedTo(await P.frontalJpeg(), MAX - 1),
    fileName: "big.jpg",
    type: jpeg,
    expect: "accepted",
  },
  {
    name: "exactly 15 MB",
    bytes: async () => M.paddedTo(await P.frontalJpeg(), MAX),
    fileName: "big.jpg",
    type: jpeg,
    expect: "accepted",
  },
  {
    name: "15 MB + 1 byte",
    bytes: async () => M.paddedTo(await P.frontalJpeg(), MAX + 1),
    fileName: "big.jpg",
    type: jpeg,
    expect: refused("FILE_TOO_LARGE", 413),
  },
];
