import { describe, expect, it } from "vitest";
import { FACE_MODEL_FILES, FACE_MODEL_VERSION } from "@/lib/face-model/files";
import { GET } from "./route";

const get = (version: string, file: string) =>
  GET(new Request(`http://localhost/face-model/${version}/${file}`), {
    params: Promise.resolve({ version, file }),
  });

describe("GET /face-model/[version]/[file]", () => {
  it("serves every allow-listed file with its type, cached for good under the versioned path", async () => {
    for (const [name, file] of Object.entries(FACE_MODEL_FILES)) {
      const response = await get(FACE_MODEL_VERSION, name);
      expect(response.status, name).toBe(200);
      expect(response.headers.get("content-type")).toBe(file.type);
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });

  // BlazeFace (shipped float32) as float16; the face mesh (shipped float16) in 8-bit steps, the
  // phone's guide only (lib/face-model/files.ts says why).
  it.each([
    ["blazeface", "float16", 300_000],
    ["facemesh", "uint8", 800_000],
  ])("serves %s with %s weights: fewer bytes, a manifest that says so", async (model, dtype, maxBytes) => {
    const bin = await (await get(FACE_MODEL_VERSION, `${model}.bin`)).arrayBuffer();
    expect(bin.byteLength).toBeLessThan(maxBytes);
    const json = (await (await get(FACE_MODEL_VERSION, `${model}.json`)).json()) as {
      weightsManifest: { weights: { dtype: string; quantization?: { dtype: string } }[] }[];
    };
    const floats = json.weightsManifest[0]!.weights.filter((w) => w.dtype === "float32");
    expect(floats.length).toBeGreaterThan(50);
    expect(floats.every((w) => w.quantization?.dtype === dtype)).toBe(true);
  });

  it("is a 404, never cached, for anything not on the list: other files, other versions, paths", async () => {
    for (const [version, file] of [
      [FACE_MODEL_VERSION, "faceres.json"], // in the package, not on the list
      [FACE_MODEL_VERSION, "human.esm.js.map"],
      [FACE_MODEL_VERSION, "../package.json"],
      [FACE_MODEL_VERSION, "..%2F..%2Fpackage.json"],
      [FACE_MODEL_VERSION, "constructor"],
      [FACE_MODEL_VERSION, "__proto__"],
      ["human-0.0.0", "blazeface.json"],
      ["..", "blazeface.json"],
    ]) {
      const response = await get(version!, file!);
      expect(response.status, `${version}/${file}`).toBe(404);
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
  });
});
