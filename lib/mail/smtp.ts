import "server-only";
import { Readable } from "node:stream";
import SMTPConnection from "nodemailer/lib/smtp-connection/index.js";
import { parseConnectionUrl } from "nodemailer/lib/shared/index.js";

/**
 * What became of one message. `fenced`: the row was no longer ours when we were about to finish,
 * so the message was abandoned before the end of DATA and the server discarded it.
 */
export type DeliveryOutcome =
  | { kind: "delivered"; response: string }
  | { kind: "fenced" }
  /** The end of DATA went out but no reply came: delivered or not, we cannot know; never resent. */
  | { kind: "unconfirmed"; error: string }
  | { kind: "permanent"; error: string }
  | { kind: "transient"; error: string; connection: boolean };

export interface Envelope {
  from: string;
  to: string;
}

/** Socket-level failures: the server is down or unreachable, not this message's fault. */
const CONNECTION_CODES = new Set([
  "ECONNECTION",
  "ETIMEDOUT",
  "ESOCKET",
  "EDNS",
  "ETLS",
  "EAUTH",
  "EPROTOCOL",
]);
const MAX_MESSAGES_PER_CONNECTION = 100;

function describe(error: SMTPConnection.SMTPError): string {
  // Only the code and the server's reply: never the message, which could quote the envelope.
  const reply = typeof error.response === "string" ? error.response.slice(0, 200) : "";
  return `${error.code ?? "ERROR"}${error.responseCode ? ` ${error.responseCode}` : ""}${reply ? `: ${reply}` : ""}`;
}

function classify(error: SMTPConnection.SMTPError): DeliveryOutcome {
  if (error.responseCode && error.responseCode >= 500) return { kind: "permanent", error: describe(error) };
  if (error.responseCode && error.responseCode >= 400)
    return { kind: "transient", error: describe(error), connection: false };
  if (error.code === "EENVELOPE" || error.code === "EMESSAGE")
    return { kind: "permanent", error: describe(error) };
  return { kind: "transient", error: describe(error), connection: CONNECTION_CODES.has(error.code ?? "") };
}

/**
 * One SMTP connection, used for one message at a time. The message body is a stream we hold open:
 * SMTP only delivers a message once the client sends the final "." of DATA, so `handOver` (which
 * commits "handed over" in the outbox, fenced by the claim) runs after the body and before that
 * dot. If it refuses or fails, the stream is destroyed and the connection closed without the dot:
 * the server discards the message (RFC 5321 §4.1.1.4), so no copy exists.
 */
class Lane {
  private connection: SMTPConnection | null = null;
  private sent = 0;

  constructor(private readonly options: SMTPConnection.Options) {}

  private async connect(): Promise<SMTPConnection> {
    if (this.connection && !this.connection.destroyed && this.sent < MAX_MESSAGES_PER_CONNECTION)
      return this.connection;
    this.close();
    const connection = new SMTPConnection(this.options);
    // An idle connection the server drops later only marks the lane for a reconnect.
    connection.on("error", () => {
      if (this.connection === connection) this.connection = null;
    });
    connection.on("end", () => {
      if (this.connection === connection) this.connection = null;
    });
    // Connection failures arrive as 'error' events, not through the callback.
    await new Promise<void>((resolve, reject) => {
      const failed = (err?: Error) =>
        reject(err ?? Object.assign(new Error("Connection closed"), { code: "ECONNECTION" }));
      connection.once("error", failed);
      connection.once("end", failed);
      connection.connect((err) => {
        connection.off("error", failed);
        connection.off("end", failed);
        if (err) reject(err);
        else resolve();
      });
    });
    const auth = this.options.auth as SMTPConnection.Credentials | undefined;
    if (auth?.user) {
      await new Promise<void>((resolve, reject) =>
        connection.login({ user: auth.user, pass: auth.pass }, (err) => (err ? reject(err) : resolve())),
      );
    }
    this.connection = connection;
    this.sent = 0;
    return connection;
  }

  close(): void {
    const c = this.connection;
    this.connection = null;
    if (c && !c.destroyed) c.close();
  }

  async deliver(envelope: Envelope, raw: Buffer, handOver: () => Promise<boolean>): Promise<DeliveryOutcome> {
    let connection: SMTPConnection;
    try {
      connection = await this.connect();
    } catch (error) {
      this.close();
      return classify(error as SMTPConnection.SMTPError);
    }
    let settled = false;
    let fenced = false;
    let handedOver = false;
    let started = false;
    const body = new Readable({
      read() {
        if (started) return;
        started = true;
        // The envelope was refused: nodemailer drains the body without sending it; don't hand over.
        if (settled) return void this.push(null);
        this.push(raw);
        handOver().then(
          (ours) => {
            if (ours) {
              handedOver = true;
              this.push(null);
            } else {
              fenced = true;
              this.destroy(new Error("claim lost"));
            }
          },
          (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
        );
      },
    });
    return new Promise<DeliveryOutcome>((resolve) => {
      let done = false;
      const finish = (outcome: DeliveryOutcome) => {
        if (done) return;
        done = true;
        connection.off("error", fail);
        connection.off("end", closed);
        resolve(outcome);
      };
      // A failure mid-transaction reaches us as the callback's error or as an 'error'/'end' event.
      function fail(err: SMTPConnection.SMTPError) {
        settled = true;
        if (fenced) finish({ kind: "fenced" });
        // Only a reply refuses a message; silence after the end of DATA leaves it in doubt.
        else if (handedOver && !err.responseCode) finish({ kind: "unconfirmed", error: describe(err) });
        else finish(classify(err));
      }
      function closed() {
        fail(Object.assign(new Error("Connection closed"), { code: "ECONNECTION" }));
      }
      connection.once("error", fail);
      connection.once("end", closed);
      connection.send({ from: envelope.from, to: [envelope.to] }, body, (err, info) => {
        this.sent++;
        if (!err) {
          settled = true;
          return finish({ kind: "delivered", response: String(info.response ?? "") });
        }
        fail(err);
        // Whatever failed, this connection is mid-transaction: drop it so nothing half-sent completes.
        this.close();
      });
    });
  }
}

/** A fixed number of lanes (connections) to one SMTP server, handed out one message at a time. */
export class SmtpSender {
  private readonly idle: Lane[];
  private readonly waiting: ((lane: Lane) => void)[] = [];

  constructor(
    smtpUrl: string,
    readonly size: number,
  ) {
    const options: SMTPConnection.Options = {
      ...parseConnectionUrl(smtpUrl),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    };
    this.idle = Array.from({ length: size }, () => new Lane(options));
  }

  private acquire(): Promise<Lane> {
    const lane = this.idle.pop();
    return lane ? Promise.resolve(lane) : new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(lane: Lane): void {
    const next = this.waiting.shift();
    if (next) next(lane);
    else this.idle.push(lane);
  }

  async deliver(envelope: Envelope, raw: Buffer, handOver: () => Promise<boolean>): Promise<DeliveryOutcome> {
    const lane = await this.acquire();
    try {
      return await lane.deliver(envelope, raw, handOver);
    } finally {
      this.release(lane);
    }
  }

  close(): void {
    for (const lane of this.idle) lane.close();
  }
}
