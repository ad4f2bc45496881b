import { DEFAULT_THRESHOLDS } from "@/lib/portrait/thresholds";

/** The photo limit plus room for the multipart envelope and text fields. */
export const MAX_DIRECT_UPLOAD_BYTES = DEFAULT_THRESHOLDS.maxFileBytes + 64 * 1024;
