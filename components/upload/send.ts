export type SendResult =
  | { kind: "ok"; status: "updated" | "pending_approval" }
  | { kind: "rejected"; httpStatus: number; code: string; message: string; messageJa?: string }
  | { kind: "invalid" }
  | { kind: "busy"; retryAfterSeconds: number }
  | { kind: "rate-limited" }
  | { kind: "offline" };

/**
 * An id for this page's upload, sent with every attempt (header Upload-Id): when an attempt
 * succeeded but its answer was lost, the retry is recognised and answered "received" instead of
 * "this link is no longer valid". getRandomValues works on plain http too (randomUUID does not).
 */
export function newUploadId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Sends the photo with XMLHttpRequest, which (unlike fetch) reports upload progress. */
export function sendPhoto(
  token: string,
  photo: Blob,
  uploadId: string,
  onProgress: (fraction: number) => void,
): Promise<SendResult> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/public/uploads/${encodeURIComponent(token)}`);
    xhr.setRequestHeader("Upload-Id", uploadId);
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => resolve({ kind: "offline" });
    xhr.ontimeout = () => resolve({ kind: "offline" });
    xhr.onabort = () => resolve({ kind: "offline" });
    xhr.onload = () => {
      const body = (xhr.response ?? {}) as {
        status?: "updated" | "pending_approval";
        code?: string;
        message?: string;
        report?: { primary?: { messageJa?: string } };
      };
      if (xhr.status === 200 && body.status) return resolve({ kind: "ok", status: body.status });
      if (xhr.status === 410) return resolve({ kind: "invalid" });
      if (xhr.status === 503) {
        const retryAfter = Number(xhr.getResponseHeader("Retry-After"));
        return resolve({ kind: "busy", retryAfterSeconds: retryAfter > 0 ? Math.min(retryAfter, 30) : 2 });
      }
      if (xhr.status === 429) return resolve({ kind: "rate-limited" });
      resolve({
        kind: "rejected",
        httpStatus: xhr.status,
        code: body.code ?? "ERROR",
        message: body.message ?? "",
        messageJa: body.report?.primary?.messageJa,
      });
    };
    const form = new FormData();
    form.append("image", photo, "photo.jpg");
    xhr.send(form);
  });
}
