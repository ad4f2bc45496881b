import { faceModelFile } from "@/lib/face-model/serve";
import { logError } from "@/lib/log";

/**
 * The upload page's on-device face engine (code, models, WASM), from the app itself. The version is
 * in the path and the files never change under it: cached for a year, immutable.
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ version: string; file: string }> },
) {
  const { version, file } = await params;
  try {
    const found = await faceModelFile(version, file);
    if (!found) return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
    return new Response(new Uint8Array(found.body), {
      headers: {
        "Content-Type": found.type,
        "Cache-Control": "public, max-age=31536000, immutable",
      },
    });
  } catch (error) {
    logError("serving a face model file", error);
    return new Response("Unavailable", { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
