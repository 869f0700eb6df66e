import "server-only";
import { and, count, desc, eq, gte, inArray, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { boundedCount } from "@/lib/db/bounded-count";
import {
  type Call,
  callPhoneNumbers,
  calls,
  type NewCall,
  type WriteBack,
  type WriteBackState,
  writeBackStates,
  writeBacks,
} from "@/lib/db/schema";
import { safeText } from "@/lib/validation/text";

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
/** Rows per INSERT: 1,000 × 8 parameters stays far below PostgreSQL's 65,535. */
const UPSERT_CHUNK = 1_000;

/** The list's filters, as they arrive from a query string or a caller; parsed here again. */
export const listCallsQuerySchema = z.object({
  state: z.enum(writeBackStates).optional(),
  serviceId: safeText().trim().min(1).max(128).optional(),
  q: safeText().trim().max(128).optional(),
  // Out-of-range paging is clamped rather than refused: a stale link still shows a page.
  page: z.coerce
    .number()
    .int()
    .catch(1)
    .transform((n) => Math.min(Math.max(n, 1), 1_000_000)),
  pageSize: z.coerce
    .number()
    .int()
    .catch(DEFAULT_PAGE_SIZE)
    .transform((n) => Math.min(Math.max(n, 1), MAX_PAGE_SIZE)),
  assignedTo: z.coerce.number().int().optional(),
  /** Only calls whose write-back state is one of these (the agent's "To do"). */
  states: z.array(z.enum(writeBackStates)).optional(),
  /** Only calls written back at or after this instant (the agent's "Done today"). */
  writtenSince: z.date().optional(),
});
export type ListCallsQuery = {
  state?: WriteBackState;
  serviceId?: string;
  q?: string;
  page?: number;
  /** Default 25, at most 100. */
  pageSize?: number;
  assignedTo?: number;
  states?: readonly WriteBackState[];
  writtenSince?: Date;
};

export type CallListRow = {
  id: number;
  serviceId: string;
  uniqueId: string;
  phoneNumbers: string[];
  fetchTime: Date;
  createdAt: Date;
  writeBackState: WriteBackState;
  lastWriteBackAt: Date | null;
};

/** `estimated`: more calls match than are counted exactly; total is the planner's estimate. */
export type CallListPage = {
  rows: CallListRow[];
  total: number;
  estimated: boolean;
  page: number;
  pageSize: number;
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * One page of calls, newest first. `q` is a prefix of the customer id (uniqueId) or of any
 * of the call's phone numbers; each side is served by its own index (calls_unique_id_idx
 * and call_phone_numbers_phone_idx, both text_pattern_ops) and the two id sets are joined.
 */
export async function listCalls(db: Db, query: ListCallsQuery = {}): Promise<CallListPage> {
  const { state, serviceId, q, page, pageSize, assignedTo, states, writtenSince } =
    listCallsQuerySchema.parse(query);
  const conditions: SQL[] = [];
  if (state !== undefined) conditions.push(eq(calls.writeBackState, state));
  if (states !== undefined) conditions.push(inArray(calls.writeBackState, states));
  if (writtenSince !== undefined) conditions.push(gte(calls.lastWriteBackAt, writtenSince));
  if (serviceId !== undefined) conditions.push(eq(calls.serviceId, serviceId));
  if (assignedTo !== undefined) conditions.push(eq(calls.assignedTo, assignedTo));
  if (q !== undefined && q !== "") {
    const pattern = `${escapeLike(q)}%`;
    conditions.push(
      // ARRAY(…) is computed once, through the two prefix indexes; the page then reads those
      // calls by primary key. As `id IN (…)` the planner would join instead, and for a broad
      // prefix read the whole table to do so.
      sql`${calls.id} = ANY(ARRAY(SELECT m.id FROM ${calls} m WHERE m.unique_id LIKE ${pattern}
        UNION SELECT p.call_id FROM ${callPhoneNumbers} p WHERE p.phone LIKE ${pattern}))`,
    );
  }
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  // Newest first, read backwards along calls_*_created_idx (created_at, id).
  const order = [desc(calls.createdAt), desc(calls.id)];
  const [rows, counted] = await Promise.all([
    db
      .select({
        id: calls.id,
        serviceId: calls.serviceId,
        uniqueId: calls.uniqueId,
        phoneNumbers: calls.phoneNumbers,
        fetchTime: calls.fetchTime,
        createdAt: calls.createdAt,
        writeBackState: calls.writeBackState,
        lastWriteBackAt: calls.lastWriteBackAt,
      })
      .from(calls)
      .where(where)
      .orderBy(...order)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    boundedCount(db, calls, where, order),
  ]);
  return { rows, total: counted.total, estimated: counted.estimated, page, pageSize };
}

/** The header's tally for one agent: written back today, of those accepted, and on their way now. */
export type AgentTally = { doneToday: number; accepted: number; waiting: number };

/**
 * One indexed read (calls_assigned_created_idx narrows to the agent's calls): "done today"
 * counts the agent's calls written back since `since` (whatever came of it), "accepted"
 * those of them iSales accepted, "waiting" the agent's calls whose write-back is still on
 * its way (queued, sending or retrying), whenever it was made.
 */
export async function agentTally(db: Db, agentId: number, since: Date): Promise<AgentTally> {
  const writtenToday = gte(calls.lastWriteBackAt, since);
  const [row] = await db
    .select({
      doneToday: sql<number>`count(*) FILTER (WHERE ${writtenToday})`.mapWith(Number),
      accepted:
        sql<number>`count(*) FILTER (WHERE ${writtenToday} AND ${calls.writeBackState} = 'accepted')`.mapWith(
          Number,
        ),
      waiting: sql<number>`count(*) FILTER (WHERE ${calls.writeBackState} = 'pending')`.mapWith(Number),
    })
    .from(calls)
    .where(and(eq(calls.assignedTo, agentId), or(writtenToday, eq(calls.writeBackState, "pending"))));
  return row ?? { doneToday: 0, accepted: 0, waiting: 0 };
}

const serviceIdRows = z.object({ rows: z.array(z.object({ service_id: z.string() })) });

/**
 * Every task (serviceId) that has calls, in order, for the list's filter. SELECT DISTINCT
 * would read every call; this skips from one task to the next along
 * calls_service_created_idx (a loose index scan): one index probe per task.
 */
export async function listServiceIds(db: Db): Promise<string[]> {
  const result = await db.execute(sql`WITH RECURSIVE t AS (
      (SELECT service_id FROM ${calls} ORDER BY service_id LIMIT 1)
      UNION ALL
      SELECT (SELECT c.service_id FROM ${calls} c WHERE c.service_id > t.service_id ORDER BY c.service_id LIMIT 1)
      FROM t WHERE t.service_id IS NOT NULL
    )
    SELECT service_id FROM t WHERE service_id IS NOT NULL`);
  return serviceIdRows.parse(result).rows.map((row) => row.service_id);
}

export async function getCall(db: Db, id: number): Promise<Call | null> {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const [row] = await db.select().from(calls).where(eq(calls.id, id)).limit(1);
  return row ?? null;
}

/** A call's write-backs, newest first. */
export async function listWriteBacks(db: Db, callId: number): Promise<WriteBack[]> {
  return db
    .select()
    .from(writeBacks)
    .where(eq(writeBacks.callId, callId))
    .orderBy(desc(writeBacks.createdAt), desc(writeBacks.id));
}

/** How many calls are in each write-back state (every state present, 0 when none). */
export async function countCallsByState(db: Db): Promise<Record<WriteBackState, number>> {
  const rows = await db
    .select({ state: calls.writeBackState, n: count() })
    .from(calls)
    .groupBy(calls.writeBackState);
  const counts = Object.fromEntries(writeBackStates.map((state) => [state, 0])) as Record<
    WriteBackState,
    number
  >;
  for (const row of rows) counts[row.state] = row.n;
  return counts;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Insert calls, or update the ones already present (same vdnId, serviceId and uniqueId):
 * their data, numbers, caller number and fetchTime change; their outcome and write-back
 * state do not. One transaction, 1,000 rows per statement. A call given twice counts once,
 * the later one winning.
 */
export async function upsertCalls(
  db: Db,
  rows: readonly NewCall[],
): Promise<{ inserted: number; updated: number }> {
  const byKey = new Map<string, NewCall>();
  for (const row of rows) byKey.set(JSON.stringify([row.vdnId, row.serviceId, row.uniqueId]), row);
  const unique = [...byKey.values()];
  if (unique.length === 0) return { inserted: 0, updated: 0 };
  return db.transaction(async (tx) => {
    let inserted = 0;
    let updated = 0;
    for (let start = 0; start < unique.length; start += UPSERT_CHUNK) {
      const counts = upsertCountsSchema.parse(
        await tx.execute(upsertStatement(unique.slice(start, start + UPSERT_CHUNK))),
      );
      const row = counts.rows[0] ?? { inserted: 0, total: 0 };
      inserted += row.inserted;
      updated += row.total - row.inserted;
      // PGlite runs on this thread: let timers (the data folder's lock refresh) run.
      await yieldToEventLoop();
    }
    return { inserted, updated };
  });
}

const upsertCountsSchema = z.object({
  rows: z.array(z.object({ inserted: z.coerce.number(), total: z.coerce.number() })),
});

/** A PostgreSQL array literal, passed as one parameter. */
function pgArray(values: readonly (string | number)[]): string {
  const items = values.map((value) =>
    typeof value === "number" ? String(value) : `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`,
  );
  return `{${items.join(",")}}`;
}

/**
 * One INSERT … ON CONFLICT for a chunk, with a column per parameter unnested on the server:
 * 8 parameters instead of 8 per row, which keeps both building the statement in Node and
 * planning it in PostgreSQL cheap (drizzle's builder took about a second for 1,000 rows).
 * xmax is 0 on a row the statement inserted and set on one it updated.
 */
function upsertStatement(rows: readonly NewCall[]): SQL {
  return sql`WITH up AS (
    INSERT INTO ${calls} (sub_cc_no, vdn_id, service_id, unique_id, phone_numbers, call_data, caller_number, fetch_time, assigned_to)
    SELECT t.s, t.v, t.sv, t.u,
      ARRAY(SELECT e.n FROM jsonb_array_elements_text(t.p) WITH ORDINALITY AS e(n, i) ORDER BY e.i),
      t.d, t.c, t.f, t.a
    FROM unnest(
      ${pgArray(rows.map((r) => r.subCcNo))}::int[],
      ${pgArray(rows.map((r) => r.vdnId))}::int[],
      ${pgArray(rows.map((r) => r.serviceId))}::text[],
      ${pgArray(rows.map((r) => r.uniqueId))}::text[],
      ${pgArray(rows.map((r) => JSON.stringify(r.phoneNumbers)))}::jsonb[],
      ${pgArray(rows.map((r) => r.callData ?? ""))}::text[],
      ${pgArray(rows.map((r) => r.callerNumber ?? ""))}::text[],
      ${pgArray(rows.map((r) => r.fetchTime.toISOString()))}::timestamptz[],
      ${`{${rows.map((r) => (r.assignedTo == null ? "NULL" : String(r.assignedTo))).join(",")}}`}::bigint[]
    ) AS t(s, v, sv, u, p, d, c, f, a)
    ON CONFLICT (vdn_id, service_id, unique_id) DO UPDATE SET
      sub_cc_no = excluded.sub_cc_no,
      phone_numbers = excluded.phone_numbers,
      call_data = excluded.call_data,
      caller_number = excluded.caller_number,
      fetch_time = excluded.fetch_time,
      -- A row that names no agent (an import without the agent column) keeps the assignment.
      assigned_to = COALESCE(excluded.assigned_to, ${calls}.assigned_to),
      updated_at = now()
    RETURNING (xmax = 0) AS inserted
  )
  SELECT (count(*) FILTER (WHERE inserted))::int AS inserted, count(*)::int AS total FROM up`;
}
