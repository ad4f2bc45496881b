/**
 * Variants of a real portrait, made at run time with sharp: occluders drawn from the photo's fixed
 * anchors, turns without EXIF, mirror, noise, heavy JPEG compression, and the portrait shown on a
 * screen or a printed page held at an angle. Deterministic (seeded noise, fixed geometry).
 */
import sharp from "sharp";
import { readFile } from "node:fs/promises";
import { sample } from "@/lib/portrait/align";
import type { Anchors, OtherSource, PortraitSource } from "./sources";

type Pt = [number, number];

/** The source photo as JPEG bytes (q 95), padded or upscaled as the source says. */
export async function prepared(src: PortraitSource | OtherSource): Promise<Buffer> {
  let bytes = await readFile(src.file);
  if ("crop" in src && src.crop) bytes = await sharp(bytes).extract(src.crop).png().toBuffer();
  let img = sharp(bytes).rotate();
  const meta = await sharp(bytes).metadata();
  if ("pad" in src && src.pad) {
    const p = Math.round(Math.max(meta.width!, meta.height!) * 0.2);
    img = img.extend({ top: p, bottom: p, left: p, right: p, extendWith: "copy" });
  }
  if ("upscale" in src && src.upscale) img = img.resize({ width: Math.round(meta.width! * src.upscale) });
  return img.flatten({ background: "#ffffff" }).jpeg({ quality: 95 }).toBuffer();
}

/** Anchors of a padded source are in the padded photo's pixels (they were measured there). */
const geometry = (a: Anchors) => {
  const ied = Math.hypot(a.eyeR[0] - a.eyeL[0], a.eyeR[1] - a.eyeL[1]);
  const angle = (Math.atan2(a.eyeR[1] - a.eyeL[1], a.eyeR[0] - a.eyeL[0]) * 180) / Math.PI;
  const mid: Pt = [(a.eyeL[0] + a.eyeR[0]) / 2, (a.eyeL[1] + a.eyeR[1]) / 2];
  return { ied, angle, mid };
};
type Geometry = ReturnType<typeof geometry>;

/** SVG marks drawn in the face's upright frame: turned by the eye-line angle about the eye midpoint. */
const upright = ({ angle, mid }: Geometry, marks: string) =>
  `<g transform="rotate(${angle} ${mid[0]} ${mid[1]})">` + marks + `</g>`;

/**
 * A pair of glasses in the upright frame (all lengths in eye distances): `lens` drawn either side of
 * the eye midpoint, a bridge curving up between the lenses, and the temples running out to the ears.
 */
const glasses = (
  { ied, mid }: Geometry,
  frame: {
    lens: (cx: number) => string;
    lensOffset: number;
    bridgeY: number;
    bridgeRise: number;
    templeX: number;
    templeY: number;
    templeLength: number;
    colour: string;
    strokeWidth: number;
  },
) => {
  const stroke = `stroke="${frame.colour}" stroke-width="${frame.strokeWidth}"`;
  const templeY = mid[1] + frame.templeY * ied;
  return (
    frame.lens(mid[0] - frame.lensOffset * ied) +
    frame.lens(mid[0] + frame.lensOffset * ied) +
    `<path d="M${mid[0] - 0.08 * ied} ${mid[1] + frame.bridgeY * ied} q${0.08 * ied} ${frame.bridgeRise * ied} ${0.16 * ied} 0" ${stroke} fill="none"/>` +
    `<path d="M${mid[0] - frame.templeX * ied} ${templeY} l${-frame.templeLength * ied} ${-0.02 * ied} M${mid[0] + frame.templeX * ied} ${templeY} l${frame.templeLength * ied} ${-0.02 * ied}" ${stroke}/>`
  );
};

async function overlay(bytes: Buffer, svgBody: (w: number, h: number) => string): Promise<Buffer> {
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${svgBody(width, height)}</svg>`;
  return sharp(bytes)
    .composite([{ input: Buffer.from(svg) }])
    .jpeg({ quality: 92 })
    .toBuffer();
}

/** A black band over both eyes (the classic "censor bar"). */
export const eyeBand = (bytes: Buffer, a: Anchors) => {
  const { ied, angle, mid } = geometry(a);
  return overlay(
    bytes,
    () =>
      `<rect x="${mid[0] - 1.25 * ied}" y="${mid[1] - 0.3 * ied}" width="${2.5 * ied}" height="${0.6 * ied}" fill="#050505" transform="rotate(${angle} ${mid[0]} ${mid[1]})"/>`,
  );
};

/** Dark sunglasses: two rounded lenses with a faint reflection, a bridge and the temples. */
export const sunglasses = (bytes: Buffer, a: Anchors) => {
  const g = geometry(a);
  const { ied, mid } = g;
  const lens = (cx: number) =>
    `<ellipse cx="${cx}" cy="${mid[1] + 0.05 * ied}" rx="${0.5 * ied}" ry="${0.36 * ied}" fill="url(#tint)" stroke="#111" stroke-width="${0.05 * ied}"/>` +
    `<ellipse cx="${cx - 0.18 * ied}" cy="${mid[1] - 0.1 * ied}" rx="${0.12 * ied}" ry="${0.05 * ied}" fill="#fff" opacity="0.25"/>`;
  return overlay(
    bytes,
    () =>
      `<defs><linearGradient id="tint" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#16181c"/><stop offset="1" stop-color="#2b2e33"/></linearGradient></defs>` +
      upright(
        g,
        glasses(g, {
          lens,
          lensOffset: 0.52,
          bridgeY: -0.05,
          bridgeRise: -0.08,
          templeX: 1.0,
          templeY: -0.05,
          templeLength: 0.25,
          colour: "#111",
          strokeWidth: 0.06 * ied,
        }),
      ),
  );
};

/**
 * Ordinary glasses: clear lenses (a faint reflection only) in a frame of the given weight, bridge and
 * temples. The eyes stay visible: never a reason to refuse.
 */
export const clearGlasses = (bytes: Buffer, a: Anchors, frame: "thin" | "thick") => {
  const g = geometry(a);
  const { ied, mid } = g;
  const w = (frame === "thin" ? 0.03 : 0.08) * ied;
  const lens = (cx: number) =>
    `<rect x="${cx - 0.42 * ied}" y="${mid[1] - 0.25 * ied}" width="${0.84 * ied}" height="${0.55 * ied}" rx="${0.15 * ied}" fill="#ffffff" fill-opacity="0.06" stroke="#1a1a1a" stroke-width="${w}"/>`;
  return overlay(bytes, () =>
    upright(
      g,
      glasses(g, {
        lens,
        lensOffset: 0.5,
        bridgeY: -0.12,
        bridgeRise: -0.06,
        templeX: 0.92,
        templeY: -0.15,
        templeLength: 0.3,
        colour: "#1a1a1a",
        strokeWidth: w,
      }),
    ),
  );
};

/** A dark cap or hat: its brim covers the forehead down to just above the brows; the eyes stay free. */
export const darkHat = (bytes: Buffer, a: Anchors) => {
  const g = geometry(a);
  const { ied, mid } = g;
  return overlay(bytes, (w) =>
    upright(
      g,
      `<path d="M${mid[0] - 2 * w} ${mid[1] - 3 * ied - 2 * w} L${mid[0] + 2 * w} ${mid[1] - 3 * ied - 2 * w} L${mid[0] + 2 * w} ${mid[1] - 0.42 * ied} Q${mid[0]} ${mid[1] - 0.3 * ied} ${mid[0] - 2 * w} ${mid[1] - 0.42 * ied} Z" fill="#141414"/>`,
    ),
  );
};

/** A warm colour cast stronger on one side (tungsten light from the left, daylight from the right). */
export const warmCast = async (bytes: Buffer) =>
  overlay(
    bytes,
    (w, h) =>
      `<defs><linearGradient id="cast" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#ff9a3c" stop-opacity="0.35"/><stop offset="1" stop-color="#ff9a3c" stop-opacity="0.05"/></linearGradient></defs>` +
      `<rect width="${w}" height="${h}" fill="url(#cast)"/>`,
  );

export const MASK_COLOURS = { white: "#eef1f3", blue: "#9cc9e8", black: "#1c1c1e" } as const;

/** A surgical-style mask over nose and mouth: from the nose bridge to under the chin, with pleats and ear loops. */
export const faceMask = (bytes: Buffer, a: Anchors, colour: keyof typeof MASK_COLOURS) => {
  const g = geometry(a);
  const { ied, mid } = g;
  const fill = MASK_COLOURS[colour];
  // In the face's upright frame (rotated by the eye-line angle about the eye midpoint).
  const chinDrop = Math.hypot(a.chin[0] - mid[0], a.chin[1] - mid[1]);
  const top = mid[1] + 0.42 * ied;
  const bottom = mid[1] + chinDrop + 0.12 * ied;
  const l = mid[0] - 1.0 * ied;
  const r = mid[0] + 1.0 * ied;
  const pleats = [0.3, 0.5, 0.7]
    .map((k) => {
      const y = top + (bottom - top) * k;
      return `<path d="M${l + 0.1 * ied} ${y} Q${mid[0]} ${y + 0.08 * ied} ${r - 0.1 * ied} ${y}" stroke="#000" stroke-opacity="0.15" stroke-width="${0.03 * ied}" fill="none"/>`;
    })
    .join("");
  return overlay(bytes, () =>
    upright(
      g,
      `<path d="M${l} ${top + 0.15 * ied} Q${mid[0]} ${top - 0.2 * ied} ${r} ${top + 0.15 * ied} L${r - 0.05 * ied} ${bottom - 0.3 * ied} Q${mid[0]} ${bottom + 0.1 * ied} ${l + 0.05 * ied} ${bottom - 0.3 * ied} Z" fill="${fill}"/>` +
        pleats +
        `<path d="M${l} ${top + 0.2 * ied} q${-0.25 * ied} ${0.1 * ied} ${-0.15 * ied} ${0.5 * ied} M${r} ${top + 0.2 * ied} q${0.25 * ied} ${0.1 * ied} ${0.15 * ied} ${0.5 * ied}" stroke="${fill}" stroke-width="${0.04 * ied}" fill="none"/>`,
    ),
  );
};

/** Pixels turned by a quarter-turn multiple, with no EXIF orientation (as some messengers send). */
export const turned = (bytes: Buffer, deg: 90 | 180 | 270) =>
  sharp(bytes).rotate(deg).jpeg({ quality: 92 }).toBuffer();

export const mirrored = (bytes: Buffer) => sharp(bytes).flop().jpeg({ quality: 92 }).toBuffer();

/** Gaussian noise, σ = 12 levels, from a fixed seed. */
export async function noisy(bytes: Buffer, sigma = 12): Promise<Buffer> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  for (let i = 0; i < data.length; i += 2) {
    const u = Math.max(1e-9, rand());
    const v = rand();
    const r = Math.sqrt(-2 * Math.log(u)) * sigma;
    data[i] = clamp(data[i]! + r * Math.cos(2 * Math.PI * v));
    if (i + 1 < data.length) data[i + 1] = clamp(data[i + 1]! + r * Math.sin(2 * Math.PI * v));
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } })
    .jpeg({ quality: 92 })
    .toBuffer();
}

export const compressed = (bytes: Buffer, quality = 8) => sharp(bytes).jpeg({ quality }).toBuffer();

/**
 * The portrait on a phone/monitor screen (black bezel) or a printed page (white border), seen at an
 * angle: a perspective warp of the framed picture onto a background, as a photo of it would be.
 */
export async function onSurface(bytes: Buffer, kind: "screen" | "page"): Promise<Buffer> {
  const border = kind === "screen" ? "#0b0b0d" : "#f7f5ef";
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  const b = Math.round(Math.max(width, height) * (kind === "screen" ? 0.06 : 0.14));
  const framed = await sharp(bytes)
    .extend({ top: b, bottom: b, left: b, right: b, background: border })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const fw = framed.info.width;
  const fh = framed.info.height;
  // The framed picture as a plane in 3D, turned away (screen: 45° about the vertical axis; page: tilted
  // back 40° and turned 12° in the image plane, as if lying on a table), seen by a pinhole camera.
  const [yawDeg, pitchDeg, rollDeg] = kind === "screen" ? [45, 8, 3] : [10, 40, 12];
  const rad = Math.PI / 180;
  const [cy, sy, cx, sx, cz, sz] = [yawDeg, pitchDeg, rollDeg].flatMap((d) => [
    Math.cos(d * rad),
    Math.sin(d * rad),
  ]) as [number, number, number, number, number, number];
  const size = Math.max(fw, fh);
  const focal = 1.4 * size;
  const distance = 1.8 * size;
  const projected = ([X0, Y0]: Pt): Pt => {
    // roll about z, pitch about x, yaw about y
    const X1 = X0 * cz - Y0 * sz;
    const Y1 = X0 * sz + Y0 * cz;
    const Y2 = Y1 * cx;
    const Z2 = Y1 * sx;
    const X3 = X1 * cy + Z2 * sy;
    const Z3 = -X1 * sy + Z2 * cy;
    return [(focal * X3) / (distance + Z3), (focal * Y2) / (distance + Z3)];
  };
  const corners = (
    [
      [-fw / 2, -fh / 2],
      [fw / 2, -fh / 2],
      [fw / 2, fh / 2],
      [-fw / 2, fh / 2],
    ] as Pt[]
  ).map(projected);
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const margin = 0.15 * size;
  const W = Math.round(Math.max(...xs) - Math.min(...xs) + 2 * margin);
  const H = Math.round(Math.max(...ys) - Math.min(...ys) + 2 * margin);
  const quad = corners.map(([x, y]): Pt => [x - Math.min(...xs) + margin, y - Math.min(...ys) + margin]) as [
    Pt,
    Pt,
    Pt,
    Pt,
  ];
  const h = homography(quad, [
    [0, 0],
    [fw, 0],
    [fw, fh],
    [0, fh],
  ]);
  const bg = kind === "screen" ? [58, 52, 48] : [120, 92, 66];
  const out = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const o = (y * W + x) * 3;
      const d = h[6]! * (x + 0.5) + h[7]! * (y + 0.5) + 1;
      const u = (h[0]! * (x + 0.5) + h[1]! * (y + 0.5) + h[2]!) / d - 0.5;
      const v = (h[3]! * (x + 0.5) + h[4]! * (y + 0.5) + h[5]!) / d - 0.5;
      if (u < 0 || v < 0 || u > fw - 1 || v > fh - 1) {
        const shade = 0.85 + 0.15 * (y / H);
        out[o] = bg[0]! * shade;
        out[o + 1] = bg[1]! * shade;
        out[o + 2] = bg[2]! * shade;
        continue;
      }
      // Inside the picture, where clamping to its edges changes nothing.
      const rgb = [0, 0, 0];
      sample({ data: framed.data, width: fw, height: fh }, u, v, rgb);
      out.set(rgb, o);
    }
  }
  return sharp(out, { raw: { width: W, height: H, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** 3×3 homography (h33 = 1) mapping the `from` quad onto the `to` quad. */
function homography(from: Pt[], to: Pt[]): number[] {
  const A: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  // Gaussian elimination with partial pivoting on the 8×9 augmented matrix.
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    [A[c], A[p]] = [A[p]!, A[c]!];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const k = A[r]![c]! / A[c]![c]!;
      for (let j = c; j < 9; j++) A[r]![j]! -= k * A[c]![j]!;
    }
  }
  return A.map((row, i) => row[8]! / row[i]!);
}

const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
