CREATE TYPE "public"."link_event_kind" AS ENUM('quality_failed', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."mail_kind" AS ENUM('invitation', 'reminder', 'new_link');--> statement-breakpoint
CREATE TYPE "public"."mail_locale" AS ENUM('en', 'ja');--> statement-breakpoint
CREATE TYPE "public"."mail_status" AS ENUM('queued', 'sending', 'handed_over', 'sent', 'bounced', 'failed', 'cancelled');--> statement-breakpoint
CREATE TABLE "campaign_members" (
	"campaign_id" uuid NOT NULL,
	"identity_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"link_id" uuid NOT NULL,
	"last_mail_id" uuid,
	"replaced_active_link" boolean DEFAULT false NOT NULL,
	"reminders" integer DEFAULT 0 NOT NULL,
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
ALTER TABLE "upload_links" ADD COLUMN "campaign_id" uuid;--> statement-breakpoint
ALTER TABLE "upload_links" ADD COLUMN "opened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "upload_links" ADD COLUMN "opened_locale" "mail_locale";--> statement-breakpoint
ALTER TABLE "campaign_members" ADD CONSTRAINT "campaign_members_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_members" ADD CONSTRAINT "campaign_members_identity_id_identities_id_fk" FOREIGN KEY ("identity_id") REFERENCES "public"."identities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_members" ADD CONSTRAINT "campaign_members_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_members" ADD CONSTRAINT "campaign_members_link_id_upload_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."upload_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
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
CREATE INDEX "upload_link_events_link_idx" ON "upload_link_events" USING btree ("link_id");--> statement-breakpoint
CREATE INDEX "upload_link_events_campaign_idx" ON "upload_link_events" USING btree ("campaign_id","kind","code") WHERE "upload_link_events"."campaign_id" is not null;--> statement-breakpoint
ALTER TABLE "upload_links" ADD CONSTRAINT "upload_links_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "approval_requests_link_idx" ON "approval_requests" USING btree ("upload_link_id");--> statement-breakpoint
CREATE INDEX "upload_links_identity_idx" ON "upload_links" USING btree ("identity_id","created_at");--> statement-breakpoint
CREATE INDEX "upload_links_campaign_idx" ON "upload_links" USING btree ("campaign_id","identity_id") WHERE "upload_links"."campaign_id" is not null;