CREATE TABLE "bulk_jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_by" bigint NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"call_ids" bigint[] NOT NULL,
	"selection" text NOT NULL,
	"summary" jsonb NOT NULL,
	"sample" jsonb NOT NULL,
	"reason" text,
	"queued" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "write_backs" ADD COLUMN "bulk_id" bigint;--> statement-breakpoint
CREATE INDEX "bulk_jobs_created_idx" ON "bulk_jobs" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "write_backs_bulk_idx" ON "write_backs" USING btree ("bulk_id");