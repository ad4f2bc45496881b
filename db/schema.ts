import { sql } from "drizzle-orm";
// The shape stored in the quality_report columns; a type only (erased): db does not run lib code.
import type { QualityReport } from "@/lib/portrait/report";
import {
  bigserial,
  boolean,
  check,
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
export const mailKindEnum = pgEnum("mail_kind", ["invitation", "reminder", "new_link"]);
export const mailStatusEnum = pgEnum("mail_status", [
  "queued",
  "sending",
  "handed_over",
  "sent",
  "bounced",
  "failed",
  "cancelled",
]);

export const revokedReasonEnum = pgEnum("revoked_reason", ["replaced", "revoked"]);
/** The languages a person can be written to in (mail, the reason for a rejection). */
export const mailLocaleEnum = pgEnum("mail_locale", ["en", "ja"]);

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
    /** The model that made `template` (lib/portrait/model.ts); templates of different models are never compared. */
    templateModel: text("template_model"),
    /** False when no face template could be computed (quality check skipped and no face found). */
    searchable: boolean("searchable").notNull(),
    qualityReport: jsonb("quality_report").$type<QualityReport>().notNull(),
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
    check("portraits_template_model_ck", sql`(${t.template} is null) = (${t.templateModel} is null)`),
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
    /** Why it was revoked: a newer link replaced it, or someone revoked it by hand. */
    revokedReason: revokedReasonEnum("revoked_reason"),
    /**
     * The campaign that issued the link, if any. No foreign key: a campaign goes only with its
     * organization (and its links with it), and a check per inserted link would slow a
     * 10 000-person campaign down.
     */
    campaignId: uuid("campaign_id"),
    /** First view of the upload page (GET never consumes the link; it only notes this once). */
    openedAt: timestamp("opened_at", { withTimezone: true }),
    /** The language the person's browser asked for at that first view: "their language". */
    openedLocale: mailLocaleEnum("opened_locale"),
    createdAt: createdAt(),
  },
  (t) => [
    // Rule 2: at most one active link per identity, enforced by the database.
    uniqueIndex("upload_links_one_active_uq")
      .on(t.identityId)
      .where(sql`${t.usedAt} is null and ${t.revokedAt} is null`),
    index("upload_links_org_idx").on(t.organizationId),
    // Identity filters ("never asked", "link expired unused") and "replaced by a newer link".
    index("upload_links_identity_idx").on(t.identityId, t.createdAt),
    index("upload_links_campaign_idx")
      .on(t.campaignId, t.identityId)
      .where(sql`${t.campaignId} is not null`),
  ],
);

/** A wave of link requests: many people asked for a photo at once, followed to the end. */
export const campaigns = pgTable(
  "campaigns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The language of the campaign's mails. */
    locale: mailLocaleEnum("locale").notNull(),
    storeImage: boolean("store_image").notNull(),
    qualityCheck: boolean("quality_check").notNull(),
    requireApproval: boolean("require_approval").notNull(),
    expiresInHours: integer("expires_in_hours").notNull(),
    /** How the people were chosen (ids, or a search and filter), for the record. */
    selection: jsonb("selection").$type<Record<string, unknown>>().notNull(),
    peopleCount: integer("people_count").notNull().default(0),
    /** Active links of other origin that the campaign's first links replaced. */
    replacedOnCreate: integer("replaced_on_create").notNull().default(0),
    reminders: integer("reminders").notNull().default(0),
    createdByUserId: uuid("created_by_user_id"),
    createdByApiKeyId: uuid("created_by_api_key_id"),
    createdByLabel: text("created_by_label"),
    createdAt: createdAt(),
  },
  (t) => [index("campaigns_org_created_idx").on(t.organizationId, t.createdAt, t.id)],
);

/** One person of a campaign and their current link in it (a reminder replaces it). */
export const campaignMembers = pgTable(
  "campaign_members",
  {
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    identityId: uuid("identity_id")
      .notNull()
      .references(() => identities.id, { onDelete: "cascade" }),
    // No foreign keys on these two: the row goes with its campaign or its identity (cascades above),
    // and each key would cost a lookup per person when 10 000 are added at once.
    organizationId: uuid("organization_id").notNull(),
    linkId: uuid("link_id").notNull(),
    /** The latest mail to this person in this campaign, if any. */
    lastMailId: uuid("last_mail_id"),
    /** Whether the campaign's first link replaced an active link of other origin. */
    replacedActiveLink: boolean("replaced_active_link").notNull().default(false),
    reminders: integer("reminders").notNull().default(0),
    // Where the person stands, kept by triggers (migration 0005_campaigns) from the rows it derives from, so
    // the campaign page counts 10 000 people with one scan of this table:
    // the current link (upload_links) …
    linkExpiresAt: timestamp("link_expires_at", { withTimezone: true }).notNull(),
    linkUsedAt: timestamp("link_used_at", { withTimezone: true }),
    linkRevokedAt: timestamp("link_revoked_at", { withTimezone: true }),
    linkReplaced: boolean("link_replaced").notNull().default(false),
    /** … the first view of any of the person's links of the campaign … */
    openedAt: timestamp("opened_at", { withTimezone: true }),
    /** … failed quality checks on any of them (upload_link_events) … */
    failedAttempts: integer("failed_attempts").notNull().default(0),
    lastFailureCode: text("last_failure_code"),
    /** … the upload of the current link under review (approval_requests), or rejected … */
    approvalStatus: approvalStatusEnum("approval_status"),
    rejectedAt: timestamp("rejected_at", { withTimezone: true }),
    rejectionReason: text("rejection_reason"),
    /** … and the latest mail (mail_outbox). */
    mailStatus: mailStatusEnum("mail_status"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.identityId] })],
);

export const linkEventKindEnum = pgEnum("link_event_kind", ["quality_failed", "rejected"]);

/** What happened to a link besides its own columns: failed quality checks, rejected uploads. */
export const uploadLinkEvents = pgTable(
  "upload_link_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    linkId: uuid("link_id")
      .notNull()
      .references(() => uploadLinks.id, { onDelete: "cascade" }),
    identityId: uuid("identity_id").notNull(),
    campaignId: uuid("campaign_id"),
    kind: linkEventKindEnum("kind").notNull(),
    /** The quality check's primary reason code, or the rejection reason code. */
    code: text("code"),
    createdAt: createdAt(),
  },
  (t) => [
    index("upload_link_events_link_idx").on(t.linkId),
    index("upload_link_events_campaign_idx")
      .on(t.campaignId, t.kind, t.code)
      .where(sql`${t.campaignId} is not null`),
  ],
);

/**
 * The durable mail outbox (lib/mail). A row is one message to one person for one send (creation,
 * a reminder, a new link after a rejection); the unique key makes a second copy per send impossible.
 * `payload` holds the link URL sealed (AES-GCM), and is blanked once the row is final.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    campaignId: uuid("campaign_id").references(() => campaigns.id, { onDelete: "cascade" }),
    identityId: uuid("identity_id")
      .notNull()
      .references(() => identities.id, { onDelete: "cascade" }),
    linkId: uuid("link_id")
      .notNull()
      .references(() => uploadLinks.id, { onDelete: "cascade" }),
    sendId: uuid("send_id").notNull(),
    kind: mailKindEnum("kind").notNull(),
    locale: mailLocaleEnum("locale").notNull(),
    recipient: text("recipient").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>(),
    status: mailStatusEnum("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** A claim: who holds the row (fencing token) and until when. */
    claimToken: uuid("claim_token"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("mail_outbox_send_identity_uq").on(t.sendId, t.identityId),
    index("mail_outbox_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('queued', 'sending', 'handed_over')`),
    index("mail_outbox_link_idx").on(t.linkId),
    // A new link for someone cancels their queued mails carrying an older one.
    index("mail_outbox_queued_identity_idx")
      .on(t.identityId)
      .where(sql`${t.status} = 'queued'`),
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
    /** The model that made `template` (lib/portrait/model.ts). */
    templateModel: text("template_model"),
    qualityReport: jsonb("quality_report").$type<QualityReport>().notNull(),
    conditions: jsonb("conditions").$type<LinkConditions>().notNull(),
    status: approvalStatusEnum("status").notNull().default("pending"),
    decidedByUserId: uuid("decided_by_user_id"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /**
     * Why it was decided so: for a rejection, the reason code the person is told
     * (lib/campaigns/reasons.ts); the request stays, without its image and template, so the
     * identity's history shows it.
     */
    decisionReason: text("decision_reason"),
    /** The reviewer's own words (a rejection, or an approval despite a likely duplicate). */
    decisionNote: text("decision_note"),
    createdAt: createdAt(),
  },
  (t) => [
    index("approval_requests_org_status_idx").on(t.organizationId, t.status, t.createdAt),
    index("approval_requests_identity_idx").on(t.identityId),
    // Campaign progress: the outcome of the upload made through a link.
    index("approval_requests_link_idx").on(t.uploadLinkId),
    check("approval_requests_template_model_ck", sql`(${t.template} is null) = (${t.templateModel} is null)`),
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
