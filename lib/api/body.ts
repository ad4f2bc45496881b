import { ApiProblem } from "./problem";

const tooLarge = (maxBytes: number) =>
  new ApiProblem(
    413,
    "PAYLOAD_TOO_LARGE",
    `The request body is larger than this operation accepts (${maxBytes} bytes).`,
  );

/**
 * Reads at most `maxBytes` of the body. A declared Content-Length over the limit is refused before
 * a byte is read; a chunked (or lying) body is counted as it streams and cut off at the limit, so
 * an oversized body is never buffered whole, let alone parsed.
 */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The media type of the request without parameters, lower-cased ("" when absent). */
export function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

export function requireMediaType(
  request: Request,
  expected: "application/json" | "multipart/form-data",
): void {
  if (mediaType(request) !== expected) {
    throw new ApiProblem(
      415,
      "UNSUPPORTED_MEDIA_TYPE",
      `Send the body as ${expected}.`,
      {},
      { Accept: expected },
    );
  }
}

export function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new ApiProblem(400, "MALFORMED_JSON", "The body is not valid JSON.");
  }
}

/**
 * Multipart fields as an object: files stay `File`s, text fields strings. A repeated name is refused:
 * with two `image` parts, which one was checked and which one stored must never be a question.
 */
export async function parseMultipart(request: Request, bytes: Uint8Array): Promise<Record<string, unknown>> {
  let form: FormData;
  try {
    form = await new Response(bytes as BodyInit, {
      headers: { "Content-Type": request.headers.get("content-type") ?? "" },
    }).formData();
  } catch {
    throw new ApiProblem(400, "MALFORMED_MULTIPART", "The multipart body could not be read.");
  }
  const out: Record<string, unknown> = {};
  for (const [name, value] of form.entries()) {
    if (name in out)
      throw new ApiProblem(
        400,
        "DUPLICATE_FIELD",
        `The field “${name.slice(0, 64)}” was sent more than once.`,
      );
    out[name] = value;
  }
  return out;
}
