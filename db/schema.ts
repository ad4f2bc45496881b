import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/** Raw bytes (images). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * A 128-float face template stored as 512 bytes of little-endian float32: compact on disk and
 * cheap to load in bulk for 1:N search (a `real[]` would be parsed from text, element by element).
 */
export const faceTemplate = customType<{ data: number[]; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(new Float32Array(value).buffer),
  fromDriver: (value) => {
    const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value);
    return Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
  },
});

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const roleEnum = pgEnum("member_role", ["owner", "admin", "reviewer"]);
export const portraitSourceEnum = pgEnum("portrait_source", ["admin_upload", "self_registration", "api"]);
export const approvalStatusEnum = pgEnum("approval_status", ["pending", "approved", "rejected"]);
export const actorTypeEnum = pgEnum("actor_type", ["user", "api_key", "public", "system"]);

export const organizations = pgTable("organizations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  /** Per-organization overrides of the quality thresholds (partial; defaults live in lib/portrait). */
  qualityThresholds: jsonb("quality_thresholds").$type<Record<string, number>>().notNull().default({}),
  createdAt: createdAt(),
});

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** Stored lower-cased; unique across the installation. */
  email: text("email").notNull().unique(),
  name: text("name").notNull().default(""),
  passwordHash: text("password_hash").notNull(),
  /** Bumped on password change, disable and sign-out-everywhere: older sessions stop working. */
  sessionVersion: integer("session_version").notNull().default(0),
  disabledAt: timestamp("disabled_at", { withTimezone: true }),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  "memberships",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

export const identities = pgTable(
  "identities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    displayName: text("display_name").notNull(),
    email: text("email"),
    notes: text("notes"),
    /** The portrait that is the search target; null when the identity has none. */
    currentPortraitId: uuid("current_portrait_id"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("identities_org_external_id_uq").on(t.organizationId, t.externalId),
    // Keyset pagination: ORDER BY lower(display_name), id within one organization.
    index("identities_org_name_idx").on(t.organizationId, sql`lower(${t.displayName})`, t.id),
    // Substring search on names and external IDs.
    index("identities_name_trgm_idx").using("gin", sql`lower(${t.displayName}) gin_trgm_ops`),
    index("identities_external_id_trgm_idx").using("gin", sql`lower(${t.externalId}) gin_trgm_ops`),
  ],
);

export const portraits = pgTable(
  "portraits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    identityId: uuid("identity_id")
      .notNull()
      .references(() => identities.id, { onDelete: "cascade" }),
    /** Normalized JPEG; null when the image was not to be stored. */
    image: bytea("image"),
    /** Small WebP; only when the image is stored. */
    thumbnail: bytea("thumbnail"),
    template: faceTemplate("template"),
    /** False when no face template could be computed (quality check skipped and no face found). */
    searchable: boolean("searchable").notNull(),
    qualityReport: jsonb("quality_report").$type<Record<string, unknown>>().notNull(),
    source: portraitSourceEnum("source").notNull(),
    uploadLinkId: uuid("upload_link_id"),
    /** The conditions the upload was made under (for history and review). */
    conditions: jsonb("conditions").$type<LinkConditions>(),
    createdByUserId: uuid("created_by_user_id"),
    approvedByUserId: uuid("approved_by_user_id"),
    createdAt: createdAt(),
  },
  (t) => [
    index("portraits_identity_idx").on(t.identityId, t.createdAt),
    // Face search reads portraits newer than its cached matrix.
    index("portraits_org_created_idx").on(t.organizationId, t.createdAt),
  ],
);

export interface LinkConditions {
  storeImage: boolean;
  qualityCheck: boolean;
  requireApproval: boolean;
}

export const uploadLinks = pgTable(
  "upload_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    identityId: uuid("identity_id")
      .notNull()
      .references(() => identities.id, { onDelete: "cascade" }),
    /** SHA-256 of the token, hex. The token itself is never stored. */
    tokenHash: text("token_hash").notNull().unique(),
    storeImage: boolean("store_image").notNull(),
    qualityCheck: boolean("quality_check").notNull(),
    requireApproval: boolean("require_approval").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdByUserId: uuid("created_by_user_id"),
    createdByApiKeyId: uuid("created_by_api_key_id"),
    usedAt: timestamp("used_at", { withTimezone: true }),
    /**
     * The upload id the person's page generated for the upload that used the link, and what that
     * upload became: a retry with the same id (its answer was lost) gets the same outcome again.
     */
    usedByUploadId: text("used_by_upload_id"),
    usedOutcome: text("used_outcome").$type<"updated" | "pending_approval">(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    // Rule 2: at most one active link per identity, enforced by the database.
    uniqueIndex("upload_links_one_active_uq")
      .on(t.identityId)
      .where(sql`${t.usedAt} is null and ${t.revokedAt} is null`),
    index("upload_links_org_idx").on(t.organizationId),
  ],
);

export const approvalRequests = pgTable(
  "approval_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    identityId: uuid("identity_id")
      .notNull()
      .references(() => identities.id, { onDelete: "cascade" }),
    uploadLinkId: uuid("upload_link_id"),
    /** Held until the decision, even under "do not store"; cleared when decided. */
    image: bytea("image"),
    thumbnail: bytea("thumbnail"),
    template: faceTemplate("template"),
    qualityReport: jsonb("quality_report").$type<Record<string, unknown>>().notNull(),
    conditions: jsonb("conditions").$type<LinkConditions>().notNull(),
    status: approvalStatusEnum("status").notNull().default("pending"),
    decidedByUserId: uuid("decided_by_user_id"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("approval_requests_org_status_idx").on(t.organizationId, t.status, t.createdAt),
    index("approval_requests_identity_idx").on(t.identityId),
  ],
);

/**
 * One random AES-256 key per approval request: its held image and thumbnail are stored encrypted
 * with it, and the decision deletes it, so what may remain of them on disk (dead tuples, WAL) is
 * noise ("do not store the image" means not recoverable). The table is UNLOGGED (see the migration):
 * a key is never written to the WAL, so no WAL segment, replica or archive can bring it back. The
 * price: after a database crash the keys of pending requests are gone and their photos with them.
 */
export const heldImageKeys = pgTable("held_image_keys", {
  approvalRequestId: uuid("approval_request_id")
    .primaryKey()
    .references(() => approvalRequests.id, { onDelete: "cascade" }),
  key: bytea("key").notNull(),
});

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The first characters of the key, shown in lists so people can tell keys apart. */
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    createdByUserId: uuid("created_by_user_id"),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("api_keys_org_idx").on(t.organizationId)],
);

export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    actorType: actorTypeEnum("actor_type").notNull(),
    actorId: text("actor_id"),
    actorLabel: text("actor_label"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index("audit_events_org_idx").on(t.organizationId, t.id)],
);

/** Fixed-window counters shared by all app instances (login throttling, upload rate limits). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  count: integer("count").notNull(),
});

export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    responseStatus: integer("response_status"),
    responseBody: jsonb("response_body"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.key] })],
);
