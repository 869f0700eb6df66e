-- Keeps call_phone_numbers (one row per number, for the list's prefix search) in step with
-- calls.phone_numbers for every writer. Statement-level triggers with transition tables, so
-- an import of 1,000 rows per statement costs one extra statement, not 1,000.
CREATE OR REPLACE FUNCTION calls_phone_numbers_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO call_phone_numbers (call_id, phone)
    SELECT DISTINCT n.id, p.phone FROM new_rows n CROSS JOIN LATERAL unnest(n.phone_numbers) AS p(phone)
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION calls_phone_numbers_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM call_phone_numbers c
    USING new_rows n JOIN old_rows o ON o.id = n.id
    WHERE c.call_id = n.id AND n.phone_numbers IS DISTINCT FROM o.phone_numbers;
  INSERT INTO call_phone_numbers (call_id, phone)
    SELECT DISTINCT n.id, p.phone
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      CROSS JOIN LATERAL unnest(n.phone_numbers) AS p(phone)
      WHERE n.phone_numbers IS DISTINCT FROM o.phone_numbers
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER calls_phone_numbers_insert AFTER INSERT ON calls
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION calls_phone_numbers_after_insert();
--> statement-breakpoint
CREATE TRIGGER calls_phone_numbers_update AFTER UPDATE ON calls
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION calls_phone_numbers_after_update();
--> statement-breakpoint
INSERT INTO call_phone_numbers (call_id, phone)
  SELECT DISTINCT c.id, p.phone FROM calls c CROSS JOIN LATERAL unnest(c.phone_numbers) AS p(phone)
ON CONFLICT DO NOTHING;
