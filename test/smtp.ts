import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Map<string, unknown>;
  raw: Buffer;
}

export interface TestSmtpOptions {
  /** Answer RCPT TO for this address with this reply code (e.g. 550 = bounce, 450 = try later). */
  refuse?: (address: string) => number | null;
  port?: number;
  /** Wait this long before answering the end of each message (a slow server). */
  delayMs?: number;
}

/**
 * A real SMTP server (the smtp-server package) on 127.0.0.1 that keeps every message it accepted,
 * parsed with mailparser. `stop()` and `start()` reuse the port, to take the server away mid-test.
 */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  private stopping = false;
  port = 0;

  constructor(private readonly options: TestSmtpOptions = {}) {}

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      closeTimeout: 300,
      // Shutting down like a mail server does: no new transaction, the ones under way finish.
      onMailFrom: (_address, _session, callback) => {
        if (!this.stopping) return callback();
        const error = new Error("Service shutting down") as Error & { responseCode: number };
        error.responseCode = 421;
        callback(error);
      },
      onRcptTo: (address, _session, callback) => {
        const code = this.options.refuse?.(address.address) ?? null;
        if (!code) return callback();
        const error = new Error(code >= 500 ? "No such user here" : "Mailbox busy, try later") as Error & {
          responseCode: number;
        };
        error.responseCode = code;
        callback(error);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("error", () => {});
        stream.on("end", async () => {
          const raw = Buffer.concat(chunks);
          if (this.options.delayMs) await new Promise((r) => setTimeout(r, this.options.delayMs));
          simpleParser(raw).then(
            (parsed) => {
              this.received.push({
                to: session.envelope.rcptTo.map((r) => r.address).join(","),
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
                subject: parsed.subject ?? "",
                text: parsed.text ?? "",
                html: typeof parsed.html === "string" ? parsed.html : "",
                messageId: parsed.messageId ?? "",
                headers: parsed.headers as Map<string, unknown>,
                raw,
              });
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.options.port ?? this.port, "127.0.0.1", () => resolve());
    });
    server.on("error", () => {});
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.stopping = true;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    this.stopping = false;
  }

  /** Waits until `count` messages arrived (or throws after `timeoutMs`). */
  async waitFor(count: number, timeoutMs = 20_000): Promise<ReceivedMail[]> {
    const start = Date.now();
    while (this.received.length < count) {
      if (Date.now() - start > timeoutMs)
        throw new Error(`expected ${count} messages, got ${this.received.length} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return this.received;
  }
}
