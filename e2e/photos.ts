import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cartoonPng, darkJpeg, frontalJpeg, neighbourJpeg } from "@/test/photos";

/** Test photos made from the face-api package's sample images, written once per run. */
export async function photoFiles() {
  const dir = join(process.cwd(), "test-results", "e2e-photos");
  mkdirSync(dir, { recursive: true });
  const files = {
    good: join(dir, "good.jpg"),
    other: join(dir, "other.jpg"),
    dark: join(dir, "dark.jpg"),
    cartoon: join(dir, "cartoon.png"),
  };
  writeFileSync(files.good, await frontalJpeg());
  writeFileSync(files.other, await neighbourJpeg());
  writeFileSync(files.dark, await darkJpeg());
  writeFileSync(files.cartoon, await cartoonPng());
  return files;
}
