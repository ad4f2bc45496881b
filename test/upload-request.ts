/** A multipart upload to the public endpoint, as a phone would send it (field `image`). */
export function uploadRequest(
  token: string,
  files: { bytes: Uint8Array; name?: string; type?: string; field?: string }[],
  options: { ip?: string; extraFields?: Record<string, string> } = {},
): Request {
  const form = new FormData();
  for (const f of files)
    form.append(
      f.field ?? "image",
      new Blob([new Uint8Array(f.bytes)], { type: f.type ?? "image/jpeg" }),
      f.name ?? "photo.jpg",
    );
  for (const [k, v] of Object.entries(options.extraFields ?? {})) form.append(k, v);
  return new Request(`http://localhost/api/public/uploads/${encodeURIComponent(token)}`, {
    method: "POST",
    body: form,
    headers: { "x-forwarded-for": options.ip ?? "203.0.113.1" },
  });
}
