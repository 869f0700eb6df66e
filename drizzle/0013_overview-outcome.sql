ALTER TABLE "write_backs" ADD COLUMN "service_id" text;--> statement-breakpoint
ALTER TABLE "write_backs" ADD COLUMN "status" text;--> statement-breakpoint
ALTER TABLE "write_backs" ADD COLUMN "fail_code" text;--> statement-breakpoint
ALTER TABLE "write_backs" ADD COLUMN "write_start_time" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "write_backs" ADD COLUMN "end_call_time" timestamp with time zone;--> statement-breakpoint
-- Each write-back carries its call's task and the outcome it sends, copied from the call as
-- the write-back is recorded: every place that records one (the send, the bulk re-send, the
-- confirmation) has written the call's outcome before, in the same transaction.
CREATE FUNCTION write_backs_outcome_copy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT c.service_id, c.status, c.fail_code, c.write_start_time, c.end_call_time
    INTO NEW.service_id, NEW.status, NEW.fail_code, NEW.write_start_time, NEW.end_call_time
    FROM calls c WHERE c.id = NEW.call_id;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER write_backs_outcome_copy BEFORE INSERT ON write_backs
  FOR EACH ROW EXECUTE FUNCTION write_backs_outcome_copy();--> statement-breakpoint
-- The write-backs made before: the call's outcome now is the best that is known.
UPDATE write_backs wb SET service_id = c.service_id, status = c.status, fail_code = c.fail_code,
  write_start_time = c.write_start_time, end_call_time = c.end_call_time
  FROM calls c WHERE c.id = wb.call_id;
