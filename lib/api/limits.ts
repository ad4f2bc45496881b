import { DEFAULT_THRESHOLDS } from "@/lib/portrait/thresholds";

/** The photo limit plus room for the multipart envelope and text fields. */
export const MAX_DIRECT_UPLOAD_BYTES = DEFAULT_THRESHOLDS.maxFileBytes + 64 * 1024;

/** How long an Idempotency-Key replays its first response; after that it starts afresh. */
export const IDEMPOTENCY_TTL_HOURS = 24;
