-- Hand-edited: UNLOGGED, so the per-request image keys never reach the WAL (and so no WAL segment,
-- streaming replica or WAL archive holds them). Deleting a key at the decision then really makes the
-- encrypted image bytes that remain on disk unreadable. drizzle-kit does not model UNLOGGED.
CREATE UNLOGGED TABLE "held_image_keys" (
	"approval_request_id" uuid PRIMARY KEY NOT NULL,
	"key" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "upload_links" ADD COLUMN "used_by_upload_id" text;--> statement-breakpoint
ALTER TABLE "upload_links" ADD COLUMN "used_outcome" text;--> statement-breakpoint
ALTER TABLE "held_image_keys" ADD CONSTRAINT "held_image_keys_approval_request_id_approval_requests_id_fk" FOREIGN KEY ("approval_request_id") REFERENCES "public"."approval_requests"("id") ON DELETE cascade ON UPDATE no action;