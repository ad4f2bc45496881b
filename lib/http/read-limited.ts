import { AppError } from "@/lib/errors";

export const tooLarge = (maxBytes: number) =>
  new AppError(
    "FILE_TOO_LARGE",
    `The upload is larger than ${Math.floor(maxBytes / 1024 / 1024)} MB. Choose a smaller photo.`,
    413,
  );

/**
 * Reads a request body up to `maxBytes`, refusing early: by Content-Length when it is declared,
 * and by counting while streaming when it is not (chunked), so a huge body is never buffered.
 * `onTooLarge` makes the caller's own error (the public endpoint's or the API's problem+json).
 */
export async function readBodyLimited(
  request: Request,
  maxBytes: number,
  onTooLarge: (maxBytes: number) => Error = tooLarge,
): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw onTooLarge(maxBytes);
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  const whole = await readChunks(request.body.getReader(), maxBytes, (chunk) => chunks.push(chunk));
  if (!whole) throw onTooLarge(maxBytes);
  return Buffer.concat(chunks);
}

/**
 * Reads a body chunk by chunk, handing each to `take`, to its end (true) or until it goes over
 * `maxBytes` (false: the stream is cancelled and the rest is never read).
 */
async function readChunks(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  maxBytes: number,
  take: (chunk: Uint8Array) => void,
): Promise<boolean> {
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return true;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return false;
    }
    take(value);
  }
}

/** Parses a size-checked multipart body and returns the single file field `name`. */
export async function readMultipartFile(
  request: Request,
  field: string,
  maxBytes: number,
  onTooLarge: (maxBytes: number) => Error = tooLarge,
): Promise<{ file: Uint8Array; form: FormData }> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      "Send the photo as multipart/form-data with a field named “image”.",
      415,
    );
  }
  const body = await readBodyLimited(request, maxBytes, onTooLarge);
  let form: FormData;
  try {
    form = await new Response(body as BodyInit, { headers: { "content-type": type } }).formData();
  } catch {
    throw new AppError("BAD_REQUEST", "The upload could not be read. Try again.", 400);
  }
  const files = form.getAll(field);
  if (files.length !== 1 || typeof files[0] === "string") {
    throw new AppError("BAD_REQUEST", `Send exactly one file in the field “${field}”.`, 400);
  }
  return { file: new Uint8Array(await (files[0] as File).arrayBuffer()), form };
}

/** Multipart overhead allowed on top of the largest accepted photo. */
export const MULTIPART_OVERHEAD = 256 * 1024;

/**
 * Reads and drops a body the server has already decided to refuse (a made-up token, a limit hit),
 * up to `maxBytes`. Next.js pushes an incoming body into the request's stream as fast as it arrives,
 * without backpressure, so a body nobody reads piles up in memory until the connection closes;
 * reading it chunk by chunk and letting each go keeps memory flat, and the client gets the answer
 * instead of a reset connection.
 */
export async function discardBody(request: Request, maxBytes: number): Promise<void> {
  if (!request.body || request.bodyUsed) return;
  const reader = request.body.getReader();
  try {
    await readChunks(reader, maxBytes, () => {});
  } catch {
    // The client went away: nothing left to drop.
  }
}
