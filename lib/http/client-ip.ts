/**
 * The client's address for rate limiting. Behind a load balancer the first X-Forwarded-For hop is
 * the client; set TRUST_PROXY=false when the app is exposed directly so a client cannot pick it.
 */
export function clientIp(headers: Headers): string {
  if (process.env.TRUST_PROXY !== "false") {
    const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
    const real = headers.get("x-real-ip")?.trim();
    if (real) return real.slice(0, 64);
  }
  return "direct";
}
