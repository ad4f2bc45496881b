import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { FACE_MODEL_FILES, FACE_MODEL_VERSION, type FaceModelFile } from "./files";
import { toFloat16Model } from "./float16";
import { toUint8Model } from "./uint8";

/** Made once per process: a handful of files, a few MB, asked for by every phone. */
const cache = new Map<string, Promise<Buffer>>();

// Found from the project root like the face worker (lib/portrait/pool.ts): the packages are kept
// out of the server bundle, so node_modules is where they are.
const read = (file: Pick<FaceModelFile, "pkg" | "path">) =>
  readFile(path.join(/* turbopackIgnore: true */ process.cwd(), "node_modules", file.pkg, file.path));

async function make(file: FaceModelFile): Promise<Buffer> {
  if (!file.float16 && !file.uint8) return read(file);
  // The model's JSON and weights are converted together; the name says which half is wanted.
  const base = file.path.replace(/\.(json|bin)$/, "");
  const [json, bin] = await Promise.all([
    read({ pkg: file.pkg, path: `${base}.json` }),
    read({ pkg: file.pkg, path: `${base}.bin` }),
  ]);
  const model = (file.uint8 ? toUint8Model : toFloat16Model)(json.toString("utf8"), bin);
  return file.path.endsWith(".json") ? Buffer.from(model.json) : model.bin;
}

/**
 * One face-engine file by version and name, or null when either is not on the allow-list (the name
 * is only ever a key of FACE_MODEL_FILES, never part of a path: no traversal).
 */
export async function faceModelFile(
  version: string,
  name: string,
): Promise<{ body: Buffer; type: string } | null> {
  if (version !== FACE_MODEL_VERSION || !Object.hasOwn(FACE_MODEL_FILES, name)) return null;
  const file = FACE_MODEL_FILES[name]!;
  let body = cache.get(name);
  if (!body) {
    body = make(file);
    cache.set(name, body);
    body.catch(() => cache.delete(name));
  }
  return { body: await body, type: file.type };
}
