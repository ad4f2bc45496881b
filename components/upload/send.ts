export type SendResult =
  | { kind: "ok"; status: "updated" | "pending_approval" }
  | { kind: "rejected"; httpStatus: number; code: string; message: string; messageJa?: string }
  | { kind: "invalid" }
  | { kind: "busy" }
  | { kind: "rate-limited" }
  | { kind: "offline" };

/** Sends the photo with XMLHttpRequest, which (unlike fetch) reports upload progress. */
export function sendPhoto(
  token: string,
  photo: Blob,
  onProgress: (fraction: number) => void,
): Promise<SendResult> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/public/uploads/${encodeURIComponent(token)}`);
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
      if (xhr.status === 503) return resolve({ kind: "busy" });
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
