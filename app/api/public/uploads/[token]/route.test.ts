process.env.FACE_QUEUE_MAX = "64";

import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { findValidLink } from "@/lib/links/service";
import { DEFAULT_THRESHOLDS, processPortrait } from "@/lib/portrait";
import {
  bombPng,
  frontalJpeg,
  frontalPng,
  HEIC_HEADER,
  onePixelPng,
  PDF,
  SVG_WITH_SCRIPT,
  TEXT,
  truncated,
} from "@/test/photos";
import { databaseForFile } from "@/test/database-for-file";
import { findInDatabase } from "@/test/db-scan";
import { claimDimensions } from "@/test/image-makers";
import { orgWithLink, snapshotIdentity } from "@/test/flow";
import { photoForm, uploadRequest } from "@/test/upload-request";
import { PUT as putPortrait } from "@/app/api/v1/identities/[id]/portrait/route";
import { createApiKey } from "@/lib/api-keys/service";
import { addIdentity, makeOrgUser } from "@/test/fixtures";
import { POST } from "./route";

/**
 * docs/SECURITY.md section A, through the public upload endpoint: every bad file gets a stable code and a 4xx
 * (never 500, no stack), changes nothing, leaves the link usable, and costs bounded time and memory.
 */

const handle = databaseForFile();
let ip = 0;
const nextIp = () => `198.18.${Math.floor(++ip / 250)}.${ip % 250}`;

async function send(
  token: string,
  files: Parameters<typeof uploadRequest>[1],
  extraFields?: Record<string, string>,
) {
  const response = await POST(uploadRequest(token, files, { ip: nextIp(), extraFields }), {
    params: Promise.resolve({ token }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: JSON.parse(text) as { code?: string; message?: string; status?: string },
    text,
    headers: response.headers,
  };
}

/** A JPEG with a COM segment right after SOI. */
const withComment = (jpeg: Buffer, text: string) => {
  const body = Buffer.from(text);
  const header = Buffer.from([0xff, 0xfe, 0, 0]);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, body, jpeg.subarray(2)]);
};

/** Exactly `size` bytes: a valid JPEG padded after its EOI marker (bytes there are never decoded). */
const paddedTo = (jpeg: Buffer, size: number) => Buffer.concat([jpeg, Buffer.alloc(size - jpeg.length)]);

type BadInput = {
  name: string;
  files: () => Promise<Parameters<typeof uploadRequest>[1]>;
  status: number;
  code: string;
  extra?: Record<string, string>;
};

const jpg = (bytes: Buffer, name = "photo.jpg", type = "image/jpeg") => [{ bytes, name, type }];

const BAD_INPUTS: BadInput[] = [
  { name: "zero bytes", files: async () => jpg(Buffer.alloc(0)), status: 422, code: "IMAGE_UNREADABLE" },
  {
    name: "truncated JPEG",
    files: async () => jpg(truncated(await frontalJpeg())),
    status: 422,
    code: "IMAGE_UNREADABLE",
  },
  {
    name: "truncated PNG",
    files: async () => jpg(truncated(await frontalPng()), "photo.png", "image/png"),
    status: 422,
    code: "IMAGE_UNREADABLE",
  },
  {
    name: "corrupt JPEG header",
    files: async () => {
      const bytes = Buffer.from(await frontalJpeg());
      bytes.fill(0x5a, 4, 200);
      return jpg(bytes);
    },
    status: 422,
    code: "IMAGE_UNREADABLE",
  },
  {
    name: "pixel flood: 20 000 × 20 000 PNG bomb",
    files: async () => jpg(bombPng(), "bomb.png", "image/png"),
    status: 422,
    code: "IMAGE_TOO_LARGE",
  },
  {
    name: "pixel flood: PNG claiming 65 535 × 65 535",
    files: async () => jpg(bombPng(65_535).subarray(0, 33 + 64), "huge.png", "image/png"),
    status: 422,
    code: "IMAGE_TOO_LARGE",
  },
  {
    name: "pixel flood: JPEG header claiming 65 500 × 65 500",
    files: async () => jpg(claimDimensions(await frontalJpeg(), 65_500, 65_500)),
    status: 422,
    code: "IMAGE_TOO_LARGE",
  },
  {
    name: "1 × 100 000 PNG",
    files: async () =>
      jpg(
        await sharp({ create: { width: 1, height: 100_000, channels: 3, background: "#888" } })
          .png()
          .toBuffer(),
        "tall.png",
        "image/png",
      ),
    status: 422,
    code: "IMAGE_TOO_SMALL",
  },
  {
    name: "1 × 1 PNG",
    files: async () => jpg(await onePixelPng(), "dot.png", "image/png"),
    status: 422,
    code: "IMAGE_TOO_SMALL",
  },
  {
    name: "one byte over the size limit",
    files: async () => jpg(paddedTo(await frontalJpeg(), DEFAULT_THRESHOLDS.maxFileBytes + 1)),
    status: 413,
    code: "FILE_TOO_LARGE",
  },
  {
    name: "a body far over the size limit",
    files: async () => jpg(Buffer.alloc(40 * 1024 * 1024, 0xff)),
    status: 413,
    code: "FILE_TOO_LARGE",
  },
  {
    name: "SVG with a script, as photo.svg",
    files: async () => jpg(SVG_WITH_SCRIPT, "photo.svg", "image/svg+xml"),
    status: 415,
    code: "UNSUPPORTED_FORMAT",
  },
  {
    name: "SVG with a script, as photo.jpg",
    files: async () => jpg(SVG_WITH_SCRIPT),
    status: 415,
    code: "UNSUPPORTED_FORMAT",
  },
  { name: "text as photo.jpg", files: async () => jpg(TEXT), status: 415, code: "UNSUPPORTED_FORMAT" },
  { name: "PDF as photo.jpg", files: async () => jpg(PDF), status: 415, code: "UNSUPPORTED_FORMAT" },
  {
    name: "HEIC",
    files: async () => jpg(HEIC_HEADER, "IMG_0001.HEIC", "image/heic"),
    status: 415,
    code: "UNSUPPORTED_FORMAT",
  },
  {
    name: "animated GIF (not an accepted format)",
    files: async () => jpg(await animated("gif"), "rotating.gif", "image/gif"),
    status: 415,
    code: "UNSUPPORTED_FORMAT",
  },
  {
    name: "two files in the image field",
    files: async () => [...jpg(await frontalJpeg()), ...jpg(await frontalJpeg())],
    status: 400,
    code: "BAD_REQUEST",
  },
  {
    name: "the file in another field",
    files: async () => [{ bytes: await frontalJpeg(), field: "file" }],
    status: 400,
    code: "BAD_REQUEST",
  },
  {
    name: "a text value in the image field",
    files: async () => [],
    extra: { image: "data:image/jpeg;base64,/9j/4AAQ" },
    status: 400,
    code: "BAD_REQUEST",
  },
];

/**
 * CPU time this process spent since `before` (ms): a refusal read from the header costs
 * milliseconds, a decoded pixel flood seconds — and unlike wall time it does not grow on a busy
 * machine (a 5 s wall-clock bound failed at a load average of 27).
 */
function cpuMsSince(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** Face workers load their models on their first portrait: seconds of this process's CPU, not a bad file's. */
const workersLoaded = async () => {
  await processPortrait(await frontalJpeg(), { qualityCheck: false });
};

describe("bad inputs through the public upload endpoint", () => {
  beforeAll(workersLoaded);
  for (const input of BAD_INPUTS) {
    it(`${input.name} → ${input.status} ${input.code}, nothing changed, the link still works`, async () => {
      const { db } = handle;
      const { identity, token } = await orgWithLink(db, { storeImage: true });
      const files = await input.files();
      const before = await snapshotIdentity(db, identity.id);
      const rssBefore = process.memoryUsage().rss;
      const cpuBefore = process.cpuUsage();
      const response = await send(token, files, input.extra);
      const cpuMs = cpuMsSince(cpuBefore);

      expect(response.status).toBe(input.status);
      expect(response.body.code).toBe(input.code);
      expect(response.body.message).toMatch(/\w/);
      expect(response.text).not.toMatch(/\bat \w+ \(|node_modules|Error:/);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(cpuMs).toBeLessThan(3_000);
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * 1024 * 1024);
      expect(await snapshotIdentity(db, identity.id)).toEqual(before);
      expect(await findValidLink(db, token)).not.toBeNull();

      const retry = await send(token, jpg(await frontalJpeg()));
      expect(retry.status).toBe(200);
      expect(retry.body.status).toBe("updated");
    });
  }

  it("garbage tokens all get the same 410 LINK_INVALID, never a 500", async () => {
    const photo = await frontalJpeg();
    const garbage = [
      "",
      "x",
      "a".repeat(10_000),
      "' OR 1=1--",
      "upl_' OR '1'='1",
      "ユニコード",
      "%00",
      "upl_" + "A".repeat(43),
      "../../etc/passwd",
    ];
    const answers = new Set<string>();
    for (const token of garbage) {
      const response = await send(token, jpg(photo));
      expect(response.status, token.slice(0, 20)).toBe(410);
      answers.add(response.text);
    }
    expect(answers.size).toBe(1);
    expect(JSON.parse([...answers][0]!)).toMatchObject({ code: "LINK_INVALID" });
  });

  it("a body over the limit gets the check's FILE_TOO_LARGE answer, in both languages (the phone shows it)", async () => {
    const { db } = handle;
    const { token } = await orgWithLink(db, { storeImage: true });
    const huge = await send(token, jpg(Buffer.alloc(20 * 1024 * 1024, 0x5a), "scan.tif", "image/tiff"));
    const justOver = await send(
      token,
      jpg(paddedTo(await frontalJpeg(), DEFAULT_THRESHOLDS.maxFileBytes + 1)),
    );
    for (const response of [huge, justOver]) {
      expect(response.status).toBe(413);
      const body = JSON.parse(response.text) as {
        code: string;
        message: string;
        report?: { primary?: { code: string; messageJa?: string } };
      };
      expect(body.report?.primary?.code).toBe("FILE_TOO_LARGE");
      expect(body.report?.primary?.messageJa).toMatch(/15MB/);
    }
    expect(huge.body.message).toBe(justOver.body.message);
  });

  it("accepts exactly the size limit", async () => {
    const { db } = handle;
    const { token } = await orgWithLink(db, { storeImage: true });
    const response = await send(token, jpg(paddedTo(await frontalJpeg(), DEFAULT_THRESHOLDS.maxFileBytes)));
    expect(response.status).toBe(200);
  });

  it("accepts PNG bytes named .jpg, CMYK and 16-bit images, and stores a canonical 8-bit sRGB JPEG without metadata", async () => {
    const { db } = handle;
    const base = await frontalJpeg();
    const variants = [
      { name: "PNG as x.jpg", bytes: await frontalPng() },
      { name: "CMYK JPEG", bytes: await sharp(base).toColourspace("cmyk").jpeg({ quality: 92 }).toBuffer() },
      { name: "16-bit PNG", bytes: await sharp(base).toColourspace("rgb16").png().toBuffer() },
      {
        name: "JPEG with GPS and a comment",
        bytes: await sharp(base)
          .withExif({ IFD0: { Make: "PhoneCo", ImageDescription: "GPS-secret-location" } })
          .jpeg()
          .toBuffer(),
      },
    ];
    for (const variant of variants) {
      const { identity, token } = await orgWithLink(db, { storeImage: true });
      const response = await send(token, jpg(variant.bytes, "x.jpg"));
      expect(response.status, variant.name).toBe(200);
      const stored = await storedImage(identity.id);
      const meta = await sharp(stored).metadata();
      expect(meta.format, variant.name).toBe("jpeg");
      expect(meta.space, variant.name).toBe("srgb");
      expect(meta.depth, variant.name).toBe("uchar");
      expect(meta.exif, variant.name).toBeUndefined();
      expect(stored.includes("GPS-secret-location"), variant.name).toBe(false);
    }
  });

  it("an animated WebP is reduced to one still frame", async () => {
    const { db } = handle;
    const webp = await animated("webp");
    expect((await sharp(webp, { pages: -1 }).metadata()).pages).toBe(2);
    const { identity, token } = await orgWithLink(db, { storeImage: true, qualityCheck: false });
    const response = await send(token, jpg(webp, "rotating.webp", "image/webp"));
    expect(response.status).toBe(200);
    const meta = await sharp(await storedImage(identity.id), { pages: -1 }).metadata();
    expect(meta.pages ?? 1).toBe(1);
  });

  it("a polyglot JPEG (script in a COM segment and after EOI) is stored re-encoded, without the payload", async () => {
    const { db } = handle;
    const polyglot = Buffer.concat([
      withComment(await frontalJpeg(), "<script>alert(1)</script><?php system($_GET['c']); ?>"),
      Buffer.from("<script>alert(2)</script>"),
    ]);
    const { identity, token } = await orgWithLink(db, { storeImage: true });
    expect((await send(token, jpg(polyglot))).status).toBe(200);
    const stored = await storedImage(identity.id);
    expect(stored.equals(polyglot)).toBe(false);
    expect(await findInDatabase(db, "<script")).toEqual([]);
    expect(await findInDatabase(db, "<?php")).toEqual([]);
  });

  it("hostile file names are never stored", async () => {
    const { db } = handle;
    const names = [
      "../../etc/passwd.jpg",
      "a.php.jpg",
      "x%00.jpg",
      "n".repeat(10_000) + ".jpg",
      "photo\u202Egpj.exe",
    ];
    for (const name of names) {
      const { token } = await orgWithLink(db, { storeImage: true });
      expect((await send(token, jpg(await frontalJpeg(), name))).status).toBe(200);
    }
    for (const needle of ["passwd", "a.php", "%00", "n".repeat(100), "\u202E"])
      expect(await findInDatabase(db, needle), needle).toEqual([]);
  });

  it("extra form fields are ignored", async () => {
    const { db } = handle;
    const { identity, token } = await orgWithLink(db, { storeImage: false });
    const response = await send(token, jpg(await frontalJpeg()), {
      storeImage: "true",
      organizationId: "00000000-0000-4000-8000-000000000000",
      requireApproval: "false",
    });
    expect(response.status).toBe(200);
    const after = await snapshotIdentity(db, identity.id);
    expect(after.portraits).toEqual([expect.objectContaining({ image: null, thumbnail: null })]);
  });

  it("a body that is not multipart is refused with 415", async () => {
    const { db } = handle;
    const { identity, token } = await orgWithLink(db);
    const before = await snapshotIdentity(db, identity.id);
    const response = await POST(
      new Request(`http://localhost/api/public/uploads/${token}`, {
        method: "POST",
        body: new Uint8Array(await frontalJpeg()),
        headers: { "content-type": "image/jpeg", "x-forwarded-for": nextIp() },
      }),
      {
        params: Promise.resolve({ token }),
      },
    );
    expect(response.status).toBe(415);
    expect(await snapshotIdentity(db, identity.id)).toEqual(before);
  });

  async function storedImage(identityId: string): Promise<Buffer> {
    const { portraits } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    const [row] = await handle.db
      .select({ image: portraits.image })
      .from(portraits)
      .where(eq(portraits.identityId, identityId));
    expect(row?.image).toBeTruthy();
    return row!.image!;
  }
});

/** A two-frame animation ("rotating squares"). */
async function animated(format: "gif" | "webp"): Promise<Buffer> {
  const frame = (angle: number) =>
    sharp(
      Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><rect width="400" height="400" fill="#ddd"/><g transform="rotate(${angle} 200 200)"><rect x="100" y="150" width="200" height="100" fill="#a33"/></g></svg>`,
      ),
    )
      .png()
      .toBuffer();
  const joined = sharp(await Promise.all([frame(0), frame(45)]), { join: { animated: true } });
  return format === "gif" ? joined.gif().toBuffer() : joined.webp().toBuffer();
}

/** The same files through the API's portrait endpoint (PUT /api/v1/identities/{id}/portrait). */
describe("bad inputs through the API portrait endpoint", () => {
  beforeAll(workersLoaded);
  async function identityWithKey() {
    const { db } = handle;
    const org = await makeOrgUser(db);
    const identity = await addIdentity(db, org, {
      externalId: `API-${++ip}`,
      displayName: "API person",
    });
    const { key } = await createApiKey(db, org.organizationId, org.actor, "bad inputs");
    return { identity, key };
  }
  async function put(
    identityId: string,
    key: string,
    files: Parameters<typeof uploadRequest>[1],
    extraFields: Record<string, string> = {},
  ) {
    const request = new Request(`http://localhost/api/v1/identities/${identityId}/portrait`, {
      method: "PUT",
      body: photoForm(files, extraFields),
      headers: { authorization: `Bearer ${key}`, "x-forwarded-for": nextIp() },
    });
    const response = await putPortrait(request, { params: Promise.resolve({ id: identityId }) });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as { code?: string } };
  }

  for (const input of BAD_INPUTS) {
    it(`${input.name} → 4xx with a code, nothing changed, a good photo still goes through`, async () => {
      const { db } = handle;
      const { identity, key } = await identityWithKey();
      const before = await snapshotIdentity(db, identity.id);
      const files = await input.files(); // making a bomb costs seconds: not the server's time
      const cpuBefore = process.cpuUsage();
      const response = await put(identity.id, key, files, input.extra);
      expect(cpuMsSince(cpuBefore)).toBeLessThan(3_000);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.body.code).toMatch(/^[A-Z_]+$/);
      // The image checks answer with the same codes as the public endpoint.
      if (/^(IMAGE_|UNSUPPORTED_FORMAT)/.test(input.code) && input.name !== "zero bytes")
        expect(response.body.code).toBe(input.code);
      expect(response.text).not.toMatch(/\bat \w+ \(|node_modules/);
      expect(await snapshotIdentity(db, identity.id)).toEqual(before);
      const good = await put(identity.id, key, jpg(await frontalJpeg()), {
        storeImage: "true",
        qualityCheck: "true",
      });
      expect(good.status, good.text.slice(0, 200)).toBe(200);
    });
  }
});
