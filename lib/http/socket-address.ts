import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { normalizeAddress, SOCKET_ADDRESS_HEADER } from "./client-ip";

const INSTALLED = Symbol.for("identity-manager.socket-address-header");

function stamp({ request, socket }: { request: IncomingMessage; socket: Socket }) {
  // Overwrites a client-sent header of the same name: only the server's own value gets through.
  request.headers[SOCKET_ADDRESS_HEADER] = normalizeAddress(socket.remoteAddress ?? "unknown");
}

/**
 * Puts the TCP peer's address into every incoming request as SOCKET_ADDRESS_HEADER, through Node's
 * public `http.server.request.start` diagnostics channel, which fires for each request of any HTTP
 * server in this process before the server's own handler (Next.js) sees it. Called once from
 * instrumentation.ts, so it covers `next start` without a custom server.
 */
export function installSocketAddressHeader(): void {
  const g = globalThis as { [INSTALLED]?: boolean };
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  diagnostics.subscribe("http.server.request.start", stamp as (message: unknown) => void);
}
