CREATE TABLE "api_keys" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"service_ids" text[] NOT NULL,
	"rate_limit_per_min" integer,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_by" bigint NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"time_zone" text NOT NULL,
	"state" text DEFAULT 'preview' NOT NULL,
	"skip_bad" boolean DEFAULT false NOT NULL,
	"content" text,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"good_rows" integer DEFAULT 0 NOT NULL,
	"bad_rows" integer DEFAULT 0 NOT NULL,
	"preview" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"inserted" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"message" text,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "pull_rejects" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"vdn_id" integer NOT NULL,
	"service_id" text NOT NULL,
	"raw" text NOT NULL,
	"reason" text NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pull_tasks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"sub_cc_no" integer NOT NULL,
	"vdn_id" integer NOT NULL,
	"service_id" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"low_water" integer NOT NULL,
	"batch_count" integer NOT NULL,
	"next_fetch_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"last_attempt_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_fetched" integer,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"worked_out" boolean DEFAULT false NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash_uq" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "import_jobs_state_idx" ON "import_jobs" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "pull_rejects_fetched_idx" ON "pull_rejects" USING btree ("fetched_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "pull_tasks_task_uq" ON "pull_tasks" USING btree ("vdn_id","service_id");--> statement-breakpoint
CREATE INDEX "pull_tasks_due_idx" ON "pull_tasks" USING btree ("enabled","next_fetch_at");