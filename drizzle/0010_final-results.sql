ALTER TABLE "bulk_jobs" ADD COLUMN "kind" text DEFAULT 'resend' NOT NULL;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "finalised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "write_backs" ADD COLUMN "confirms" bigint;