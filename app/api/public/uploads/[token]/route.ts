import { getDb } from "@/db/client";
import { isRetryableDbError, temporaryFailure } from "@/lib/db-errors";
import { AppError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { MULTIPART_OVERHEAD, readMultipartFile } from "@/lib/http/read-limited";
import { DEFAULT_THRESHOLDS, PortraitBusyError } from "@/lib/portrait";
import { QualityRejectedError } from "@/lib/uploads/errors";
import { submitSelfRegistration } from "@/lib/uploads/self-registration";
import { logError } from "@/lib/log";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const HEADERS = {
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex, nofollow",
};

function json(status: number, body: unknown, extra: Record<string, string> = {}) {
  return Response.json(body, { status, headers: { ...HEADERS, ...extra } });
}

/** The person's upload through their one-time link (multipart field `image`). */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  try {
    const { file } = await readMultipartFile(
      request,
      "image",
      DEFAULT_THRESHOLDS.maxFileBytes + MULTIPART_OVERHEAD,
    );
    const outcome = await submitSelfRegistration(await getDb(), token, file, clientIp(request.headers));
    return json(200, { status: outcome.status });
  } catch (caught) {
    // A lost connection or a restarting server: the transaction rolled back, the link is unused.
    const error = isRetryableDbError(caught) ? temporaryFailure() : caught;
    if (error instanceof QualityRejectedError) {
      return json(error.status, { code: error.code, message: error.message, report: publicReport(error) });
    }
    if (error instanceof PortraitBusyError) {
      return json(
        503,
        { code: "BUSY", message: "We are busy right now. Please try again in a moment." },
        { "Retry-After": String(error.retryAfterSeconds ?? 5) },
      );
    }
    if (error instanceof AppError) {
      const retry = error.extra?.retryAfterSeconds;
      return json(
        error.status,
        { code: error.code, message: error.message },
        retry ? { "Retry-After": String(retry) } : {},
      );
    }
    logError("public upload failed", error);
    return json(500, { code: "INTERNAL", message: "Something went wrong on our side. Please try again." });
  }
}

/** What the person's phone needs to explain the problem: no landmarks or internals. */
function publicReport(error: QualityRejectedError) {
  const { accepted, primary, issues } = error.report;
  return { accepted, primary, issues };
}
