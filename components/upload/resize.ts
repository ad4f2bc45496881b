/**
 * Shrinks a photo in the browser to at most `maxSide` pixels on its long side (JPEG), applying the
 * EXIF orientation, so a 12 MP phone photo travels as a few hundred KB. Formats the browser cannot
 * decode (e.g. HEIC on most browsers) are sent as they are; the server explains what to do.
 */
export async function resizeForUpload(file: File, maxSide = 2048): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    return file;
  }
  try {
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && file.type === "image/jpeg" && file.size < 4 * 1024 * 1024) return file;
    const width = Math.round(bitmap.width * scale);
    const height = Math.round(bitmap.height * scale);
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext("2d");
    if (!context) return file;
    // JPEG has no alpha: transparent pixels would come out black. White, as the server flattens them.
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.92));
    return blob ?? file;
  } finally {
    bitmap.close();
  }
}
