import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";

const idRows = z.object({ rows: z.array(z.object({ id: z.coerce.number() })) });
const maxRows = z.object({ rows: z.array(z.object({ n: z.coerce.number() })) });

/**
 * Test and bench support (not used by the product): many calls at once, made by the
 * database itself with generate_series (100,000 in about a second on PostgreSQL), shaped
 * like a working site: 20 tasks, 20 agents holding three quarters of the calls (the rest in
 * the pool), creation spread over the last `total × 30 s`, 40 % written back (mostly
 * accepted, some refused, failed or still being sent) with one write-back row each, and
 * the refused, failed and unsent ones (8 % of the calls) in the delivery queue. Phone numbers 138… (and 139… on every third
 * call) carry the call's number, customer ids are CUST + 8 digits.
 */
export async function seedCalls(db: Db, total: number): Promise<{ agents: number[]; services: string[] }> {
  await db.execute(sql`INSERT INTO users (username, password_hash, role, work_no)
    SELECT 'seed-agent-' || lpad(g::text, 2, '0'), '!seed', 'agent', (20000 + g)::text
    FROM generate_series(1, 20) AS g
    ON CONFLICT (username) DO NOTHING`);
  const agentRows = await db.execute(
    sql`SELECT id FROM users WHERE username LIKE 'seed-agent-%' ORDER BY username`,
  );
  const agents = idRows.parse(agentRows).rows.map((r) => r.id);
  const services = Array.from({ length: 20 }, (_, i) => `TASK-${String(i).padStart(2, "0")}`);
  const start = await db.execute(sql`SELECT coalesce(max(id), 0) AS n FROM calls`);
  const offset = maxRows.parse(start).rows[0]?.n ?? 0;
  // One statement: the phone-number trigger runs once for the whole set.
  await db.execute(sql`INSERT INTO calls (sub_cc_no, vdn_id, service_id, unique_id, phone_numbers,
      call_data, fetch_time, created_at, updated_at, assigned_to, write_back_state, last_write_back_at,
      status, fail_code, device_type, phone_number, version)
    SELECT 1, 88, 'TASK-' || lpad((g % 20)::text, 2, '0'), 'CUST' || lpad(g::text, 8, '0'),
      CASE WHEN g % 3 = 0 THEN ARRAY['138' || lpad(g::text, 8, '0'), '139' || lpad(g::text, 8, '0')]
           ELSE ARRAY['138' || lpad(g::text, 8, '0')] END,
      '{"name":"Customer ' || g || '","plan":"gold"}',
      t, t, t,
      CASE WHEN g % 4 = 0 THEN NULL ELSE (${`{${agents.join(",")}}`}::bigint[])[1 + g % ${agents.length}::int] END,
      s,
      CASE WHEN s = 'none' THEN NULL ELSE t + interval '5 minutes' END,
      CASE s WHEN 'none' THEN NULL WHEN 'accepted' THEN '6' ELSE '5' END,
      CASE s WHEN 'none' THEN NULL WHEN 'accepted' THEN '00000' ELSE '00146' END,
      CASE WHEN s = 'none' THEN NULL ELSE 2 END,
      CASE WHEN s = 'none' THEN NULL ELSE '138' || lpad(g::text, 8, '0') END,
      CASE WHEN s = 'none' THEN 0 ELSE 1 END
    FROM (
      SELECT g, now() - (${total}::int - g) * interval '30 seconds' AS t,
        CASE WHEN g % 100 < 60 THEN 'none' WHEN g % 100 < 92 THEN 'accepted' WHEN g % 100 < 96 THEN 'refused'
             WHEN g % 100 < 99 THEN 'failed' ELSE 'pending' END AS s
      FROM generate_series(${offset + 1}::int, ${offset + total}::int) AS g
    ) AS x`);
  await db.execute(sql`INSERT INTO write_backs (call_id, submission_id, request_body, call_version, created_at,
      user_id, state, attempts, next_attempt_at, last_outcome, finished_at)
    SELECT c.id, gen_random_uuid(), '{}', 1, c.last_write_back_at, c.assigned_to,
      CASE c.write_back_state WHEN 'accepted' THEN 'accepted' WHEN 'pending' THEN 'retrying' ELSE 'attention' END,
      1, c.last_write_back_at,
      CASE c.write_back_state WHEN 'accepted' THEN 'accepted' WHEN 'pending' THEN 'no_answer' ELSE 'refused' END,
      CASE WHEN c.write_back_state = 'pending' THEN NULL ELSE c.last_write_back_at END
    FROM calls c
    WHERE c.id > ${offset}::bigint AND c.write_back_state <> 'none'`);
  await db.execute(sql`VACUUM ANALYZE calls`);
  await db.execute(sql`VACUUM ANALYZE write_backs`);
  await db.execute(sql`VACUUM ANALYZE call_phone_numbers`);
  await db.execute(sql`ANALYZE users`);
  return { agents, services };
}
