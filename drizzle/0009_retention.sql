CREATE TABLE "erasures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"erased_at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"subject_id" bigint NOT NULL,
	"retention_days" integer NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"erased" text[] NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "personal_data_erased_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "erasures_subject_idx" ON "erasures" USING btree ("kind","subject_id");--> statement-breakpoint
CREATE INDEX "erasures_erased_idx" ON "erasures" USING btree ("erased_at" DESC NULLS LAST);