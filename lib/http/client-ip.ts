import { env } from "@/lib/env";

/**
 * The header that carries the address of the TCP peer into route handlers and server actions (Next.js
 * gives them a Request without the socket). Set by `installSocketAddressHeader` on every request the
 * process's HTTP server receives, overwriting whatever a client sent under this name, so it can be
 * trusted exactly as far as the socket can.
 */
export const SOCKET_ADDRESS_HEADER = "x-im-socket-address";

/** "::ffff:198.51.100.7" → "198.51.100.7"; anything longer than an address is cut. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().slice(0, 64);
  return trimmed.toLowerCase().startsWith("::ffff:") && trimmed.includes(".") ? trimmed.slice(7) : trimmed;
}

/**
 * The client's address for rate limits. By default the socket's peer: a client cannot choose it.
 * Behind N trusted reverse proxies (TRUSTED_PROXY_HOPS=N), each appending the address it saw to
 * X-Forwarded-For, the client is the N-th entry from the right; entries further left were written
 * by the client and are ignored. With fewer entries than hops, the leftmost one (written by the
 * outermost proxy that was passed) is used.
 */
export function clientIp(headers: Headers, hops = env().TRUSTED_PROXY_HOPS): string {
  const socket = headers.get(SOCKET_ADDRESS_HEADER);
  if (hops > 0) {
    const forwarded = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean);
    if (forwarded.length > 0) return normalizeAddress(forwarded[Math.max(0, forwarded.length - hops)]!);
  }
  // No socket address: a request that did not come through the HTTP server (tests calling a route
  // handler directly). They all share one bucket, as unknown clients must.
  return socket ? normalizeAddress(socket) : "unknown";
}
