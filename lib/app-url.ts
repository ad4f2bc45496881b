/**
 * Where upload links point. APP_URL when set; otherwise the address this server listens on
 * (`next start` writes the port it bound into PORT), so a server started on port 3300 never hands
 * out links to port 3000. A loopback address works only on the machine itself — never on a phone —
 * and the console and the start-up log say so.
 */
export function resolveAppUrl(vars: { APP_URL?: string; PORT?: string }): string {
  const explicit = vars.APP_URL?.trim();
  if (explicit) return explicit;
  const port = Number(vars.PORT);
  return `http://localhost:${Number.isInteger(port) && port > 0 && port < 65536 ? port : 3000}`;
}

/** True for localhost, *.localhost, 127.0.0.0/8, ::1 and 0.0.0.0: an address only this computer reaches. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
    host === "[::1]" ||
    host === "0.0.0.0"
  );
}

export const LOOPBACK_WARNING =
  "This link only works on this computer, not on a phone: set APP_URL to the address people can reach.";
