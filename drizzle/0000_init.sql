CREATE TABLE "call_phone_numbers" (
	"call_id" bigint NOT NULL,
	"phone" text NOT NULL,
	CONSTRAINT "call_phone_numbers_call_id_phone_pk" PRIMARY KEY("call_id","phone")
);
--> statement-breakpoint
CREATE TABLE "call_versions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"call_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"values" jsonb NOT NULL,
	"diff" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"changed_by" bigint,
	"reason" text,
	"write_back_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"sub_cc_no" integer NOT NULL,
	"vdn_id" integer NOT NULL,
	"service_id" text NOT NULL,
	"unique_id" text NOT NULL,
	"phone_numbers" text[] NOT NULL,
	"call_data" text DEFAULT '' NOT NULL,
	"caller_number" text DEFAULT '' NOT NULL,
	"fetch_time" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assigned_to" bigint,
	"version" integer DEFAULT 0 NOT NULL,
	"status" text,
	"fail_code" text,
	"asr_result" text,
	"device_type" integer,
	"phone_number" text,
	"call_id" text,
	"write_start_time" timestamp with time zone,
	"end_call_time" timestamp with time zone,
	"write_back_state" text DEFAULT 'none' NOT NULL,
	"last_write_back_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "drafts" (
	"call_id" bigint NOT NULL,
	"user_id" bigint DEFAULT 0 NOT NULL,
	"values" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "drafts_call_id_user_id_pk" PRIMARY KEY("call_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"reset_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"work_no" text,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "write_back_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"write_back_id" bigint NOT NULL,
	"call_id" bigint NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"duration_ms" integer NOT NULL,
	"outcome" text NOT NULL,
	"http_status" integer,
	"result_code" text,
	"failure_reason" text,
	"response_body" text,
	"sender" text
);
--> statement-breakpoint
CREATE TABLE "write_backs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"call_id" bigint NOT NULL,
	"submission_id" uuid NOT NULL,
	"interface" text DEFAULT 'midresult' NOT NULL,
	"request_body" text NOT NULL,
	"call_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" bigint,
	"state" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"last_outcome" text,
	"last_http_status" integer,
	"last_result_code" text,
	"last_error" text,
	"finished_at" timestamp with time zone,
	"superseded_by" bigint,
	"cancelled_by" bigint,
	"cancel_reason" text
);
--> statement-breakpoint
ALTER TABLE "call_phone_numbers" ADD CONSTRAINT "call_phone_numbers_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_versions" ADD CONSTRAINT "call_versions_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "write_back_attempts" ADD CONSTRAINT "write_back_attempts_write_back_id_write_backs_id_fk" FOREIGN KEY ("write_back_id") REFERENCES "public"."write_backs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "write_back_attempts" ADD CONSTRAINT "write_back_attempts_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "write_backs" ADD CONSTRAINT "write_backs_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_phone_numbers_phone_idx" ON "call_phone_numbers" USING btree ("phone" text_pattern_ops,"call_id");--> statement-breakpoint
CREATE UNIQUE INDEX "call_versions_call_version_uq" ON "call_versions" USING btree ("call_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "calls_identity_uq" ON "calls" USING btree ("vdn_id","service_id","unique_id");--> statement-breakpoint
CREATE INDEX "calls_created_idx" ON "calls" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "calls_state_created_idx" ON "calls" USING btree ("write_back_state","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "calls_service_created_idx" ON "calls" USING btree ("service_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "calls_assigned_created_idx" ON "calls" USING btree ("assigned_to","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "calls_unique_id_idx" ON "calls" USING btree ("unique_id" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "calls_phone_numbers_gin" ON "calls" USING gin ("phone_numbers");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_uq" ON "users" USING btree ("username");--> statement-breakpoint
CREATE INDEX "write_back_attempts_wb_idx" ON "write_back_attempts" USING btree ("write_back_id","id");--> statement-breakpoint
CREATE INDEX "write_back_attempts_call_idx" ON "write_back_attempts" USING btree ("call_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "write_backs_submission_uq" ON "write_backs" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "write_backs_call_idx" ON "write_backs" USING btree ("call_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "write_backs_due_idx" ON "write_backs" USING btree ("state","next_attempt_at");