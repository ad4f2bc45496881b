import { readBodyLimited } from "@/lib/http/read-limited";
import { ApiProblem } from "./problem";

const tooLarge = (maxBytes: number) =>
  new ApiProblem(
    413,
    "PAYLOAD_TOO_LARGE",
    `The request body is larger than this operation accepts (${maxBytes} bytes).`,
  );

/**
 * Reads at most `maxBytes` of the body: a declared Content-Length over the limit is refused before
 * a byte is read, a chunked (or lying) body is cut off at the limit, never buffered whole.
 */
export function readLimitedBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  return readBodyLimited(request, maxBytes, tooLarge);
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
