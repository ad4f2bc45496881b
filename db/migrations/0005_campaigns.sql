CREATE TYPE "public"."link_event_kind" AS ENUM('quality_failed', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."mail_kind" AS ENUM('invitation', 'reminder', 'new_link');--> statement-breakpoint
CREATE TYPE "public"."mail_locale" AS ENUM('en', 'ja');--> statement-breakpoint
CREATE TYPE "public"."mail_status" AS ENUM('queued', 'sending', 'handed_over', 'sent', 'bounced', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."revoked_reason" AS ENUM('replaced', 'revoked');--> statement-breakpoint
CREATE TABLE "campaign_members" (
	"campaign_id" uuid NOT NULL,
	"identity_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"link_id" uuid NOT NULL,
	"last_mail_id" uuid,
	"replaced_active_link" boolean DEFAULT false NOT NULL,
	"reminders" integer DEFAULT 0 NOT NULL,
	"link_expires_at" timestamp with time zone NOT NULL,
	"link_used_at" timestamp with time zone,
	"link_revoked_at" timestamp with time zone,
	"link_replaced" boolean DEFAULT false NOT NULL,
	"opened_at" timestamp with time zone,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"last_failure_code" text,
	"approval_status" "approval_status",
	"rejected_at" timestamp with time zone,
	"rejection_reason" text,
	"mail_status" "mail_status",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_members_campaign_id_identity_id_pk" PRIMARY KEY("campaign_id","identity_id")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"locale" "mail_locale" NOT NULL,
	"store_image" boolean NOT NULL,
	"quality_check" boolean NOT NULL,
	"require_approval" boolean NOT NULL,
	"expires_in_hours" integer NOT NULL,
	"selection" jsonb NOT NULL,
	"people_count" integer DEFAULT 0 NOT NULL,
	"replaced_on_create" integer DEFAULT 0 NOT NULL,
	"reminders" integer DEFAULT 0 NOT NULL,
	"created_by_user_id" uuid,
	"created_by_api_key_id" uuid,
	"created_by_label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"campaign_id" uuid,
	"identity_id" uuid NOT NULL,
	"link_id" uuid NOT NULL,
	"send_id" uuid NOT NULL,
	"kind" "mail_kind" NOT NULL,
	"locale" "mail_locale" NOT NULL,
	"recipient" text NOT NULL,
	"payload" jsonb,
	"status" "mail_status" DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claim_token" uuid,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "upload_link_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"link_id" uuid NOT NULL,
	"identity_id" uuid NOT NULL,
	"campaign_id" uuid,
	"kind" "link_event_kind" NOT NULL,
	"code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "upload_links" ADD COLUMN "revoked_reason" "revoked_reason";--> statement-breakpoint
ALTER TABLE "upload_links" ADD COLUMN "campaign_id" uuid;--> statement-breakpoint
ALTER TABLE "upload_links" ADD COLUMN "opened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "upload_links" ADD COLUMN "opened_locale" "mail_locale";--> statement-breakpoint
ALTER TABLE "campaign_members" ADD CONSTRAINT "campaign_members_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_members" ADD CONSTRAINT "campaign_members_identity_id_identities_id_fk" FOREIGN KEY ("identity_id") REFERENCES "public"."identities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_identity_id_identities_id_fk" FOREIGN KEY ("identity_id") REFERENCES "public"."identities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_link_id_upload_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."upload_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upload_link_events" ADD CONSTRAINT "upload_link_events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upload_link_events" ADD CONSTRAINT "upload_link_events_link_id_upload_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."upload_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaigns_org_created_idx" ON "campaigns" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "mail_outbox_send_identity_uq" ON "mail_outbox" USING btree ("send_id","identity_id");--> statement-breakpoint
CREATE INDEX "mail_outbox_due_idx" ON "mail_outbox" USING btree ("next_attempt_at") WHERE "mail_outbox"."status" in ('queued', 'sending', 'handed_over');--> statement-breakpoint
CREATE INDEX "mail_outbox_link_idx" ON "mail_outbox" USING btree ("link_id");--> statement-breakpoint
CREATE INDEX "mail_outbox_queued_identity_idx" ON "mail_outbox" USING btree ("identity_id") WHERE "mail_outbox"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "upload_link_events_link_idx" ON "upload_link_events" USING btree ("link_id");--> statement-breakpoint
CREATE INDEX "upload_link_events_campaign_idx" ON "upload_link_events" USING btree ("campaign_id","kind","code") WHERE "upload_link_events"."campaign_id" is not null;--> statement-breakpoint
CREATE INDEX "approval_requests_link_idx" ON "approval_requests" USING btree ("upload_link_id");--> statement-breakpoint
CREATE INDEX "upload_links_identity_idx" ON "upload_links" USING btree ("identity_id","created_at");--> statement-breakpoint
CREATE INDEX "upload_links_campaign_idx" ON "upload_links" USING btree ("campaign_id","identity_id") WHERE "upload_links"."campaign_id" is not null;--> statement-breakpoint
-- Hand-written: campaign_members keeps where each person of a campaign stands, so the campaign page
-- counts 10 000 people with one scan of that table instead of joining five. Triggers (not app code)
-- keep it, so every path that changes a link, an approval, an event or a mail updates it in the
-- same transaction. Links and mails change in bulk (a campaign replacing 10 000 links), so their
-- triggers fire once per statement and walk the changed rows (transition tables).
CREATE FUNCTION campaign_members_follow_links() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n record;
BEGIN
  -- One primary-key update per changed campaign link: a join with the transition table (which has
  -- no statistics) can turn quadratic when campaign_members' statistics are stale.
  FOR n IN SELECT * FROM changed_links WHERE campaign_id IS NOT NULL LOOP
    UPDATE campaign_members
    SET link_used_at = n.used_at, link_revoked_at = n.revoked_at, link_expires_at = n.expires_at,
        link_replaced = coalesce(n.revoked_reason = 'replaced', false)
    WHERE campaign_id = n.campaign_id AND identity_id = n.identity_id AND link_id = n.id
      AND (link_used_at IS DISTINCT FROM n.used_at OR link_revoked_at IS DISTINCT FROM n.revoked_at
        OR link_expires_at IS DISTINCT FROM n.expires_at);
    -- The first view of any of the person's links of the campaign.
    IF n.opened_at IS NOT NULL THEN
      UPDATE campaign_members SET opened_at = n.opened_at
      WHERE campaign_id = n.campaign_id AND identity_id = n.identity_id AND opened_at IS NULL;
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER upload_links_campaign_members AFTER UPDATE ON upload_links
  REFERENCING NEW TABLE AS changed_links FOR EACH STATEMENT EXECUTE FUNCTION campaign_members_follow_links();
--> statement-breakpoint
CREATE FUNCTION campaign_members_follow_mails() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n record;
BEGIN
  FOR n IN SELECT id, campaign_id, identity_id, status FROM changed_mails WHERE campaign_id IS NOT NULL LOOP
    UPDATE campaign_members SET mail_status = n.status
    WHERE campaign_id = n.campaign_id AND identity_id = n.identity_id AND last_mail_id = n.id
      AND mail_status IS DISTINCT FROM n.status;
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER mail_outbox_campaign_members AFTER UPDATE ON mail_outbox
  REFERENCING NEW TABLE AS changed_mails FOR EACH STATEMENT EXECUTE FUNCTION campaign_members_follow_mails();
--> statement-breakpoint
CREATE FUNCTION campaign_members_follow_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.campaign_id IS NULL THEN RETURN NULL; END IF;
  IF NEW.kind = 'quality_failed' THEN
    UPDATE campaign_members SET failed_attempts = failed_attempts + 1, last_failure_code = NEW.code
    WHERE campaign_id = NEW.campaign_id AND identity_id = NEW.identity_id;
  ELSE
    UPDATE campaign_members SET rejected_at = NEW.created_at, rejection_reason = NEW.code
    WHERE campaign_id = NEW.campaign_id AND identity_id = NEW.identity_id AND link_id = NEW.link_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER upload_link_events_campaign_members AFTER INSERT ON upload_link_events
  FOR EACH ROW EXECUTE FUNCTION campaign_members_follow_events();
--> statement-breakpoint
-- An upload under review, approved, or gone (rejected, or superseded by a newer upload).
CREATE FUNCTION campaign_members_follow_approvals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  link uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.upload_link_id ELSE NEW.upload_link_id END;
BEGIN
  IF link IS NULL THEN RETURN NULL; END IF;
  UPDATE campaign_members m
  SET approval_status = CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.status END
  FROM upload_links l
  WHERE l.id = link AND l.campaign_id IS NOT NULL AND m.campaign_id = l.campaign_id
    AND m.identity_id = l.identity_id AND m.link_id = l.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER approval_requests_campaign_members AFTER INSERT OR UPDATE OF status OR DELETE ON approval_requests
  FOR EACH ROW EXECUTE FUNCTION campaign_members_follow_approvals();
