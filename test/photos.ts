/**
 * Test and benchmark images, made at run time from the photos face-api ships (demo/sample*.jpg).
 * Crop boxes were found by running the detector once; hard-coding them keeps fixtures fast and
 * deterministic. Nothing here is used by the pipeline itself.
 */
import sharp from "sharp";
import path from "node:path";
import { deflateSync } from "node:zlib";

const SAMPLES = path.join(process.cwd(), "node_modules/@vladmandic/face-api/demo");
export const samplePath = (n: number) => path.join(SAMPLES, `sample${n}.jpg`);

type Box = { left: number; top: number; width: number; height: number };
/** sample6: a frontal face (roll ≈ 0°, yaw ≈ 4°, eye distance ≈ 97 px). */
export const FRONTAL: Box = { left: 1080, top: 170, width: 390, height: 520 };
/** sample6: the neighbour (a different person, roll ≈ 14°). */
const NEIGHBOUR: Box = { left: 1420, top: 150, width: 360, height: 520 };
/** sample6: another different person (yaw ≈ 18°). */
export const OTHER: Box = { left: 150, top: 380, width: 420, height: 480 };
/** sample6: both faces side by side. */
export const TWO_FACES: Box = { left: 1080, top: 150, width: 700, height: 560 };

const cache = new Map<string, Promise<Buffer>>();
const memo = (key: string, make: () => Promise<Buffer>) => {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key)!;
};

export const crop = (sample: number, box: Box) => sharp(samplePath(sample)).extract(box);

export const frontalJpeg = () => memo("frontal", () => crop(6, FRONTAL).jpeg({ quality: 92 }).toBuffer());
export const neighbourJpeg = () =>
  memo("neighbour", () => crop(6, NEIGHBOUR).jpeg({ quality: 92 }).toBuffer());
export const otherJpeg = () => memo("other", () => crop(6, OTHER).jpeg({ quality: 92 }).toBuffer());
export const twoFacesJpeg = () => memo("two", () => crop(6, TWO_FACES).jpeg({ quality: 92 }).toBuffer());

/** The frontal crop scaled to `width` px, placed at (left, top) on a plain square `side` px photo. */
const faceOnPlainPhoto = async (width: number, side: number, left: number, top: number) =>
  sharp({ create: { width: side, height: side, channels: 3, background: { r: 190, g: 180, b: 170 } } })
    .composite([{ input: await crop(6, FRONTAL).resize({ width }).toBuffer(), left, top }])
    .jpeg({ quality: 92 })
    .toBuffer();

/** A frontal face about 100 px wide in a 500 px photo. */
export const smallFaceJpeg = () => memo("small", () => faceOnPlainPhoto(210, 500, 145, 110));

/** A face with an eye distance of ≈ 16 px. */
export const tinyFaceJpeg = () => memo("tiny", () => faceOnPlainPhoto(64, 320, 128, 118));

/** Pixels stored sideways with EXIF orientation 6 (as phones do): upright only if orientation is applied. */
export const exifRotatedJpeg = () =>
  memo("exif", async () =>
    sharp(await crop(6, FRONTAL).rotate(270).toBuffer())
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 92 })
      .toBuffer(),
  );
export const greyJpeg = () =>
  memo("grey", () => crop(6, FRONTAL).greyscale().jpeg({ quality: 92 }).toBuffer());
export const frontalPng = () => memo("png", () => crop(6, FRONTAL).png().toBuffer());
export const frontalWebp = () => memo("webp", () => crop(6, FRONTAL).webp({ quality: 90 }).toBuffer());
export const frontalAvif = () =>
  memo("avif", () => crop(6, FRONTAL).avif({ quality: 60, effort: 2 }).toBuffer());

/** A 12 MP phone-style JPEG: 4032×3024 stored sideways with EXIF orientation 6, quality 90. */
export const phoneJpeg = () =>
  memo("phone", async () => {
    const upright = await crop(6, FRONTAL).resize(3024, 4032, { fit: "fill", kernel: "cubic" }).toBuffer();
    return sharp(await sharp(upright).rotate(270).toBuffer())
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 90 })
      .toBuffer();
  });

export const darkJpeg = () =>
  memo("dark", () => crop(6, FRONTAL).linear(0.1, 0).jpeg({ quality: 92 }).toBuffer());
export const brightJpeg = () =>
  memo("bright", () => crop(6, FRONTAL).linear(2.2, 90).jpeg({ quality: 92 }).toBuffer());
export const rolledJpeg = (deg: number) =>
  memo(`rolled${deg}`, async () =>
    sharp(await crop(6, FRONTAL).toBuffer())
      .rotate(deg, { background: { r: 190, g: 180, b: 170 } })
      .jpeg({ quality: 92 })
      .toBuffer(),
  );
/** The photo ends below the nose: mouth and chin are outside. */
export const cutOffJpeg = () =>
  memo("cut", () =>
    crop(6, { left: 1080, top: 160, width: 390, height: 340 }).jpeg({ quality: 92 }).toBuffer(),
  );

/** A shaded cartoon face that face detectors fire on with confidence > 0.85. */
const CARTOON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="700">
<defs><radialGradient id="skin" cx="50%" cy="45%" r="60%"><stop offset="0" stop-color="#f3d1b0"/><stop offset="0.8" stop-color="#d9a47c"/><stop offset="1" stop-color="#b07850"/></radialGradient>
<radialGradient id="bg" cx="50%" cy="40%" r="70%"><stop offset="0" stop-color="#ddd"/><stop offset="1" stop-color="#777"/></radialGradient></defs>
<rect width="600" height="700" fill="url(#bg)"/>
<rect x="240" y="470" width="120" height="160" fill="#c8906a"/>
<path d="M60 700 q240 -160 480 0z" fill="#335"/>
<ellipse cx="300" cy="330" rx="150" ry="195" fill="url(#skin)"/>
<ellipse cx="150" cy="340" rx="18" ry="40" fill="#c99070"/><ellipse cx="450" cy="340" rx="18" ry="40" fill="#c99070"/>
<path d="M145 300 q0 -190 155 -190 q155 0 155 190 q-20 -110 -155 -120 q-135 10 -155 120z" fill="#2b1a10"/>
<path d="M205 262 q40 -22 80 -4" stroke="#3a2515" stroke-width="9" fill="none" stroke-linecap="round"/>
<path d="M315 258 q40 -18 80 4" stroke="#3a2515" stroke-width="9" fill="none" stroke-linecap="round"/>
<ellipse cx="245" cy="298" rx="30" ry="14" fill="#fff"/><circle cx="245" cy="298" r="11" fill="#4a3020"/><circle cx="245" cy="298" r="5" fill="#000"/><circle cx="249" cy="294" r="3" fill="#fff"/>
<ellipse cx="355" cy="298" rx="30" ry="14" fill="#fff"/><circle cx="355" cy="298" r="11" fill="#4a3020"/><circle cx="355" cy="298" r="5" fill="#000"/><circle cx="359" cy="294" r="3" fill="#fff"/>
<path d="M300 300 q-8 50 -22 75 q22 12 44 0 q-14 -25 -22 -75" fill="#c99070"/>
<ellipse cx="288" cy="376" rx="6" ry="4" fill="#6a4030"/><ellipse cx="312" cy="376" rx="6" ry="4" fill="#6a4030"/>
<path d="M255 425 q45 -18 90 0 q-45 30 -90 0z" fill="#b0505a"/>
<path d="M255 425 q45 8 90 0" stroke="#7a3040" stroke-width="3" fill="none"/>
</svg>`;
export const cartoonPng = () => memo("cartoon", () => sharp(Buffer.from(CARTOON_SVG)).png().toBuffer());
export const cartoonJpeg = () =>
  memo("cartoonjpg", () => sharp(Buffer.from(CARTOON_SVG)).jpeg({ quality: 85 }).toBuffer());

// ---- bad inputs ----
export const truncated = (buf: Buffer, keep = 0.6) => buf.subarray(0, Math.floor(buf.length * keep));
export const TEXT = Buffer.from("hello, this is not an image\n");
export const SVG_WITH_SCRIPT = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><script>alert(1)</script><circle cx="200" cy="200" r="100"/></svg>',
);
export const PDF = Buffer.from(
  "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
);
/** An ISO-BMFF header with HEIC brands, as an iPhone HEIC starts. */
export const HEIC_HEADER = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from("ftypheic"),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from("mif1heic"),
  Buffer.alloc(64),
]);
export const onePixelPng = () =>
  memo("1px", () =>
    sharp({ create: { width: 1, height: 1, channels: 3, background: "#888" } })
      .png()
      .toBuffer(),
  );
export const smallJpeg = () => memo("smalljpg", () => crop(6, FRONTAL).resize(120, 160).jpeg().toBuffer());

/** A valid 20 000 × 20 000 1-bit PNG of a few tens of KB: a decompression bomb (400 MP). */
export function bombPng(side = 20_000): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const row = Math.ceil(side / 8) + 1;
  const idat = deflateSync(Buffer.alloc(row * side), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", idat),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
export const blurredBy = (sigma: number) => crop(6, FRONTAL).blur(sigma).jpeg({ quality: 92 }).toBuffer();

/** Shadows crushed (linear 1·v − 120): the face is still found, ≈ 45 % of it at luminance ≤ 25. */
export const shadowedJpeg = () =>
  memo("shadowed", () => crop(6, FRONTAL).linear(1, -120).jpeg({ quality: 92 }).toBuffer());
/** Shadows crushed harder (1·v − 140): found, ≈ 70 % of the face ≤ 25. */
export const underexposedJpeg = () =>
  memo("underexposed", () => crop(6, FRONTAL).linear(1, -140).jpeg({ quality: 92 }).toBuffer());
/** Highlights lifted (1.4·v + 50): found, ≈ 40 % of the face ≥ 247. */
export const highlightsJpeg = () =>
  memo("highlights", () => crop(6, FRONTAL).linear(1.4, 50).jpeg({ quality: 92 }).toBuffer());
/** Highlights lifted harder (1.5·v + 60): found, ≈ 60 % of the face ≥ 247. */
export const overexposedJpeg = () =>
  memo("overexposed", () => crop(6, FRONTAL).linear(1.5, 60).jpeg({ quality: 92 }).toBuffer());

/** Bytes after the EOI marker, as phones write them: a motion-photo MP4 (Pixel, Samsung) or padding. */
export const withTrailer = (jpeg: Buffer, kind: "mp4" | "zeros") =>
  Buffer.concat([
    jpeg,
    kind === "mp4"
      ? Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypmp42"), Buffer.alloc(4096, 7)])
      : Buffer.alloc(4096),
  ]);
/** A JPEG whose EOI marker is missing (the last two bytes cut). */
export const withoutEoi = (jpeg: Buffer) => jpeg.subarray(0, jpeg.length - 2);

/** 68 landmarks (iBUG order) of the frontal fixture, rounded: yaw ≈ 5°, roll ≈ 1°, eyes open ≈ 0.083. */
export const FRONTAL_LANDMARKS: [number, number][] = [
  [86, 234],
  [88, 263],
  [93, 289],
  [99, 313],
  [109, 340],
  [123, 363],
  [139, 383],
  [160, 405],
  [190, 414],
  [218, 403],
  [235, 384],
  [251, 367],
  [264, 345],
  [276, 320],
  [284, 298],
  [291, 274],
  [295, 246],
  [109, 232],
  [124, 226],
  [142, 228],
  [159, 233],
  [174, 240],
  [226, 241],
  [241, 234],
  [256, 229],
  [273, 228],
  [284, 233],
  [200, 270],
  [199, 292],
  [199, 313],
  [198, 331],
  [178, 335],
  [187, 339],
  [197, 341],
  [206, 338],
  [214, 334],
  [129, 256],
  [140, 252],
  [155, 253],
  [168, 262],
  [156, 267],
  [140, 264],
  [226, 263],
  [239, 254],
  [255, 253],
  [264, 258],
  [254, 266],
  [239, 266],
  [158, 361],
  [172, 360],
  [187, 358],
  [195, 359],
  [204, 357],
  [217, 360],
  [229, 360],
  [217, 374],
  [206, 382],
  [194, 385],
  [183, 383],
  [170, 377],
  [161, 363],
  [184, 365],
  [195, 366],
  [205, 365],
  [225, 360],
  [205, 370],
  [195, 371],
  [184, 370],
];
