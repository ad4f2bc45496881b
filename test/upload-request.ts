export type FormFile = { bytes: Uint8Array; name?: string; type?: string; field?: string };

/** The multipart body of a photo upload: each file (field `image` unless named), then the extra fields. */
export function photoForm(files: FormFile[], extraFields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const f of files)
    form.append(
      f.field ?? "image",
      new Blob([new Uint8Array(f.bytes)], { type: f.type ?? "image/jpeg" }),
      f.name ?? "photo.jpg",
    );
  for (const [k, v] of Object.entries(extraFields)) form.append(k, v);
  return form;
}

/** A multipart upload to the public endpoint, as a phone would send it (field `image`). */
export function uploadRequest(
  token: string,
  files: FormFile[],
  options: { ip?: string; extraFields?: Record<string, string> } = {},
): Request {
  return new Request(`http://localhost/api/public/uploads/${encodeURIComponent(token)}`, {
    method: "POST",
    body: photoForm(files, options.extraFields),
    headers: { "x-forwarded-for": options.ip ?? "203.0.113.1" },
  });
}
