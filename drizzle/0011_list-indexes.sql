DROP INDEX "calls_phone_numbers_gin";--> statement-breakpoint
DROP INDEX "calls_created_idx";--> statement-breakpoint
DROP INDEX "calls_state_created_idx";--> statement-breakpoint
DROP INDEX "calls_service_created_idx";--> statement-breakpoint
DROP INDEX "calls_assigned_created_idx";--> statement-breakpoint
CREATE INDEX "calls_fetch_idx" ON "calls" USING btree ("fetch_time","id");--> statement-breakpoint
CREATE INDEX "calls_state_fetch_idx" ON "calls" USING btree ("write_back_state","fetch_time","id");--> statement-breakpoint
CREATE INDEX "calls_service_fetch_idx" ON "calls" USING btree ("service_id","fetch_time","id");--> statement-breakpoint
CREATE INDEX "calls_assigned_state_fetch_idx" ON "calls" USING btree ("assigned_to","write_back_state","fetch_time","id");--> statement-breakpoint
CREATE INDEX "calls_status_fetch_idx" ON "calls" USING btree ("status","fail_code","fetch_time","id");--> statement-breakpoint
CREATE INDEX "calls_customer_fetch_idx" ON "calls" USING btree ("unique_id","fetch_time","id");--> statement-breakpoint
CREATE INDEX "calls_written_idx" ON "calls" USING btree ("last_write_back_at","id");--> statement-breakpoint
CREATE INDEX "calls_written_desc_idx" ON "calls" USING btree ("last_write_back_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "write_backs_queue_idx" ON "write_backs" USING btree ("created_at","id") WHERE "write_backs"."state" in ('queued', 'sending', 'retrying', 'attention');--> statement-breakpoint
CREATE INDEX "calls_created_idx" ON "calls" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "calls_state_created_idx" ON "calls" USING btree ("write_back_state","created_at","id");--> statement-breakpoint
CREATE INDEX "calls_service_created_idx" ON "calls" USING btree ("service_id","created_at","id");--> statement-breakpoint
CREATE INDEX "calls_assigned_created_idx" ON "calls" USING btree ("assigned_to","created_at","id");