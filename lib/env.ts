import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { resolveAppUrl } from "./app-url";

const schema = z.object({
  /** PostgreSQL server; when unset, the embedded PGlite database under DATA_DIR is used. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default("./data"),
  /** Public base URL of the app: upload links are built from it, never from the request's Host. */
  /** Unset: the address this server listens on (lib/app-url.ts). */
  APP_URL: z.string().url(),
  /** Signs session cookies. Generated and kept under DATA_DIR when unset (single instance only). */
  AUTH_SECRET: z.string().min(32).optional(),
  /**
   * How many reverse proxies in front of the app append to X-Forwarded-For: the client's address for
   * rate limits is then the N-th entry from the right. 0 (default): the socket's peer address.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Seconds between housekeeping runs (expired rate limits, idempotency keys, finished mails; 0 = never). */
  MAINTENANCE_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(600),
  /** REST API requests per API key per minute (all instances together). */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** SMTP server for campaign mail, e.g. `smtp://user:pass@mail.example.com:587` or `smtps://…:465`. Unset: no mail. */
  SMTP_URL: z
    .string()
    .url()
    .refine((v) => /^smtps?:$/.test(new URL(v).protocol), "SMTP_URL must start with smtp:// or smtps://")
    .optional(),
  /** The sender of campaign mail, e.g. `Identity Manager <no-reply@example.com>`; the organization's name is shown as the sender name. */
  MAIL_FROM: z.string().min(3).optional(),
  /** The time zone link expiry times are written in, in mails. */
  MAIL_TIME_ZONE: z
    .string()
    .default("UTC")
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "MAIL_TIME_ZONE must be an IANA time zone such as Asia/Tokyo"),
  /** Connections per instance on a PostgreSQL server. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  /** Sign-in attempts per client address per 15 minutes (raise it behind a shared NAT). */
  LOGIN_MAX_PER_IP: z.coerce.number().int().min(1).default(40),
  /** "1": error logs also print the stack (code locations only, never request data). */
  LOG_STACKS: z.enum(["0", "1"]).default("0"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

/**
 * The face workers' settings. Read when the pool is made (once per process, see
 * `lib/portrait/pool.ts`), not cached here: tests make a pool again with other values.
 */
const faceSchema = z.object({
  /** Face worker threads (at most 16); default: the CPU count, at most 2. */
  FACE_WORKERS: z.coerce.number().int().min(1).optional(),
  /** Photos that may wait for a worker; default 8 per worker. */
  FACE_QUEUE_MAX: z.coerce.number().int().min(0).optional(),
  /** A photo that would wait longer than this for a worker is refused at once (503 BUSY). */
  FACE_MAX_WAIT_MS: z.coerce.number().int().min(0).default(3000),
});

export type Env = z.infer<typeof schema> & { AUTH_SECRET: string };

let cached: Env | undefined;

/** Validated environment, read once per process. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse({
    ...process.env,
    APP_URL: resolveAppUrl({ APP_URL: process.env.APP_URL, PORT: process.env.PORT }),
    DATABASE_URL: process.env.DATABASE_URL || undefined,
    AUTH_SECRET: process.env.AUTH_SECRET || undefined,
    SMTP_URL: process.env.SMTP_URL || undefined,
    MAIL_FROM: process.env.MAIL_FROM || undefined,
    MAIL_TIME_ZONE: process.env.MAIL_TIME_ZONE || undefined,
    TRUSTED_PROXY_HOPS: process.env.TRUSTED_PROXY_HOPS || legacyTrustProxy(),
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE || undefined,
    LOGIN_MAX_PER_IP: process.env.LOGIN_MAX_PER_IP || undefined,
    LOG_STACKS: process.env.LOG_STACKS || undefined,
  });
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`);
  }
  cached = { ...parsed.data, AUTH_SECRET: parsed.data.AUTH_SECRET ?? localAuthSecret(parsed.data.DATA_DIR) };
  return cached;
}

export type FaceEnv = z.infer<typeof faceSchema>;

/** FACE_WORKERS, FACE_QUEUE_MAX and FACE_MAX_WAIT_MS, validated, as they are now. */
export function faceEnv(): FaceEnv {
  const parsed = faceSchema.safeParse({
    FACE_WORKERS: process.env.FACE_WORKERS || undefined,
    FACE_QUEUE_MAX: process.env.FACE_QUEUE_MAX || undefined,
    FACE_MAX_WAIT_MS: process.env.FACE_MAX_WAIT_MS || undefined,
  });
  if (!parsed.success) throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * TRUST_PROXY (before TRUSTED_PROXY_HOPS) is still understood: "true" meant "behind a proxy", now
 * one hop, so the address the proxy saw (the rightmost X-Forwarded-For entry) and no longer the
 * leftmost, which the client writes itself; "false" is the default, the socket's address.
 */
function legacyTrustProxy(): string | undefined {
  const value = process.env.TRUST_PROXY?.trim().toLowerCase();
  if (value === "true" || value === "1") return "1";
  if (value === "false" || value === "0") return "0";
  return undefined;
}

function localAuthSecret(dataDir: string): string {
  const file = resolve(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
