import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";

/**
 * Requests from a chosen local address (127.0.0.0/8 all reach the server on this machine), so specs
 * can play many clients whose socket addresses really differ: with TRUSTED_PROXY_HOPS unset the
 * server keys rate limits on the socket's address, and no header can change it.
 */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export async function send(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: Buffer | FormData;
    /** Sent as a chunked body, without Content-Length. */
    chunks?: Buffer[];
    from?: string;
  } = {},
): Promise<RawResponse> {
  let body: Buffer | undefined;
  const headers: Record<string, string> = { ...options.headers };
  if (options.body instanceof FormData) {
    const encoded = new Response(options.body);
    headers["content-type"] = encoded.headers.get("content-type")!;
    body = Buffer.from(await encoded.arrayBuffer());
  } else body = options.body;
  if (body) headers["content-length"] = String(body.length);
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(
      {
        host: "127.0.0.1",
        port: target.port,
        path: target.pathname + target.search,
        method: options.method ?? "GET",
        headers,
        localAddress: options.from,
        agent: false,
      },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    // A server that answers before reading the whole body (a refused upload) may close the socket
    // while we still write: the answer it sent first is what counts.
    request.on("error", (error) => {
      if (!answered) setTimeout(() => answered || reject(error), 1000);
    });
    if (options.chunks) {
      for (const chunk of options.chunks) if (!request.destroyed) request.write(chunk);
      request.end();
    } else request.end(body);
  });
}

/** A fresh loopback address per call, so each test is a client of its own. */
let next = Math.floor(Math.random() * 200);
export const newClientAddress = () => `127.0.${10 + (Math.floor(++next / 250) % 200)}.${(next % 250) + 1}`;

/** The process listening on `port` (the `next start` server), and its resident memory in MB. */
export function serverPid(port: number): number {
  const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`no process listens on ${port}: ${out}`);
  return Number(pid);
}
export function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) / 1024;
}
