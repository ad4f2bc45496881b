import { NextRequest } from "next/server";
import { handlers } from "@/auth";
import { AppError, hasErrorCode } from "@/lib/errors";
import { readBodyLimited } from "@/lib/http/read-limited";

export const GET = handlers.GET;

/**
 * Auth.js reads a POST body whole, whatever its size: eight anonymous 60 MB bodies to the sign-in
 * endpoint held 576 MB of the server's memory for seconds (e2e/security/auth-requests.spec.ts). Its
 * forms (CSRF token, email, password, callback URL) are a few hundred bytes: the body is read here
 * under a limit, refused by its declared length before a byte is read, or while streaming.
 */
const MAX_AUTH_BODY_BYTES = 64 * 1024;

const tooLarge = (maxBytes: number) =>
  new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${maxBytes} bytes.`, 413);

export async function POST(request: NextRequest) {
  let body: Uint8Array;
  try {
    body = await readBodyLimited(request, MAX_AUTH_BODY_BYTES, tooLarge);
  } catch (error) {
    if (!hasErrorCode(error, "PAYLOAD_TOO_LARGE")) throw error;
    return Response.json(
      { code: error.code, message: error.message },
      { status: error.status, headers: { "Cache-Control": "no-store" } },
    );
  }
  return handlers.POST(
    new NextRequest(request.url, { method: "POST", headers: request.headers, body: body as BodyInit }),
  );
}
