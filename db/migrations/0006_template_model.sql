ALTER TABLE "approval_requests" ADD COLUMN "template_model" text;--> statement-breakpoint
ALTER TABLE "portraits" ADD COLUMN "template_model" text;--> statement-breakpoint
-- Hand-written backfill: every template stored before this migration was made by face-api's
-- descriptor net from the 68-landmark-net chip (LEGACY_TEMPLATE_MODEL in lib/portrait/model.ts).
-- Search only compares templates of the current model: `npm run admin -- reindex-templates`
-- recomputes them from stored images and lists the identities that need a new photo.
UPDATE "portraits" SET "template_model" = 'face-api-128/landmarks-68' WHERE "template" IS NOT NULL;--> statement-breakpoint
UPDATE "approval_requests" SET "template_model" = 'face-api-128/landmarks-68' WHERE "template" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_template_model_ck" CHECK (("approval_requests"."template" is null) = ("approval_requests"."template_model" is null));--> statement-breakpoint
ALTER TABLE "portraits" ADD CONSTRAINT "portraits_template_model_ck" CHECK (("portraits"."template" is null) = ("portraits"."template_model" is null));