import "server-only";
import { and, asc, desc, eq, gte, isNull, lt, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { boundedCount } from "@/lib/db/bounded-count";
import { calls, users, type WriteBackState, writeBackStates } from "@/lib/db/schema";
import { localToInstant } from "@/lib/write-back/local-time";
import { REVIEW_PAGE_SIZE, type ReviewFilter } from "./filter";

/** The day after a yyyy-MM-dd date, as yyyy-MM-dd (calendar arithmetic, no zone involved). */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The WHERE condition of a review filter. Dates are whole days in the filter's zone: from
 * the start of `from` to the end of `to` (the start of the next day, exclusive), so a day
 * with a DST change is still that day. `omitState` gives the counts at the top every state.
 */
export function reviewWhere(filter: ReviewFilter, options: { omitState?: boolean } = {}): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.agent === "pool") conditions.push(isNull(calls.assignedTo));
  else if (filter.agent !== undefined)
    conditions.push(
      sql`${calls.assignedTo} = (select u.id from ${users} u where u.username = ${filter.agent})`,
    );
  if (filter.serviceId !== undefined) conditions.push(eq(calls.serviceId, filter.serviceId));
  if (filter.state !== undefined && !options.omitState)
    conditions.push(eq(calls.writeBackState, filter.state));
  if (filter.status !== undefined) conditions.push(eq(calls.status, filter.status));
  if (filter.failCode !== undefined) conditions.push(eq(calls.failCode, filter.failCode));
  const column = filter.dateField === "written" ? calls.lastWriteBackAt : calls.fetchTime;
  if (filter.from !== undefined) {
    const at = localToInstant(`${filter.from}T00:00`, filter.tz);
    if (at) conditions.push(gte(column, at));
  }
  if (filter.to !== undefined) {
    const at = localToInstant(`${nextDay(filter.to)}T00:00`, filter.tz);
    if (at) conditions.push(lt(column, at));
  }
  return conditions.length > 0 ? and(...conditions) : undefined;
}

const agentName = sql<string | null>`(select u.username from ${users} u where u.id = ${calls.assignedTo})`;

/**
 * The page's order; id last keeps pages stable. Each sort but the agent's is served by an
 * index read forwards or backwards (migration 0011): fetch time by calls_fetch_idx; task,
 * state and customer by (column, fetch_time, id), ties in fetch time order; the last
 * write-back, never written last either way, by calls_written_idx (asc) and
 * calls_written_desc_idx (desc). The agent's name (another table) is sorted in memory.
 */
function orderBy(filter: ReviewFilter): SQL[] {
  const by = filter.dir === "asc" ? asc : desc;
  const then = [by(calls.fetchTime), by(calls.id)];
  switch (filter.sort) {
    case "fetched":
      return then;
    case "task":
      return [by(calls.serviceId), ...then];
    case "customer":
      return [by(calls.uniqueId), ...then];
    case "state":
      return [by(calls.writeBackState), ...then];
    case "written":
      return filter.dir === "asc"
        ? [sql`${calls.lastWriteBackAt} asc nulls last`, asc(calls.id)]
        : [sql`${calls.lastWriteBackAt} desc nulls last`, sql`${calls.id} desc nulls last`];
    case "agent":
      // Nulls (the pool) last either way.
      return [sql`${by(agentName)} nulls last`, ...then];
  }
}

export const reviewColumns = {
  id: calls.id,
  serviceId: calls.serviceId,
  uniqueId: calls.uniqueId,
  phoneNumbers: calls.phoneNumbers,
  fetchTime: calls.fetchTime,
  lastWriteBackAt: calls.lastWriteBackAt,
  writeBackState: calls.writeBackState,
  status: calls.status,
  failCode: calls.failCode,
  asrResult: calls.asrResult,
  phoneNumber: calls.phoneNumber,
  callId: calls.callId,
  writeStartTime: calls.writeStartTime,
  endCallTime: calls.endCallTime,
  version: calls.version,
  agent: agentName,
};

export type ReviewRow = {
  id: number;
  serviceId: string;
  uniqueId: string;
  phoneNumbers: string[];
  fetchTime: Date;
  lastWriteBackAt: Date | null;
  writeBackState: WriteBackState;
  status: string | null;
  failCode: string | null;
  asrResult: string | null;
  phoneNumber: string | null;
  callId: string | null;
  writeStartTime: Date | null;
  endCallTime: Date | null;
  version: number;
  agent: string | null;
};

/** `estimated`: more calls match than are counted exactly; total is the planner's estimate. */
export type ReviewPage = {
  rows: ReviewRow[];
  total: number;
  estimated: boolean;
  page: number;
  pageSize: number;
};

/** One page of the review view (server-side paging and sorting). */
export async function listReview(
  db: Db,
  filter: ReviewFilter,
  pageSize = REVIEW_PAGE_SIZE,
): Promise<ReviewPage> {
  const where = reviewWhere(filter);
  const order = orderBy(filter);
  const [rows, counted] = await Promise.all([
    db
      .select(reviewColumns)
      .from(calls)
      .where(where)
      .orderBy(...order)
      .limit(pageSize)
      .offset((filter.page - 1) * pageSize),
    boundedCount(db, calls, where, order),
  ]);
  return { rows, total: counted.total, estimated: counted.estimated, page: filter.page, pageSize };
}

export type ReviewStateCounts = {
  counts: Record<WriteBackState, number>;
  /** The states whose count is the planner's estimate (more than counted exactly). */
  estimated: WriteBackState[];
};

/**
 * Calls per write-back state for the filter (its own state choice left out, so every state
 * shows): each counted along calls_state_fetch_idx, exactly up to EXACT_COUNT_LIMIT.
 */
export async function countReviewByState(db: Db, filter: ReviewFilter): Promise<ReviewStateCounts> {
  const where = reviewWhere(filter, { omitState: true });
  // Counted along the dates' own index when the filter is a range of write-back dates.
  const countOrder =
    filter.dateField === "written" && (filter.from !== undefined || filter.to !== undefined)
      ? orderBy({ ...filter, sort: "written", dir: "desc" })
      : [desc(calls.fetchTime), desc(calls.id)];
  const counted = await Promise.all(
    writeBackStates.map(async (state) => {
      const c = await boundedCount(db, calls, and(eq(calls.writeBackState, state), where), countOrder);
      return [state, c] as const;
    }),
  );
  return {
    counts: Object.fromEntries(counted.map(([state, c]) => [state, c.total])) as Record<
      WriteBackState,
      number
    >,
    estimated: counted.filter(([, c]) => c.estimated).map(([state]) => state),
  };
}

/**
 * The review page's rows and its per-state counts. The states split the filter's calls, so
 * the page's total is the sum of the counts (the one state's count when the filter names a
 * state; estimated when one of them is): one bounded count and its EXPLAIN fewer than
 * listReview and countReviewByState side by side.
 */
export async function listReviewWithCounts(
  db: Db,
  filter: ReviewFilter,
  pageSize = REVIEW_PAGE_SIZE,
): Promise<{ page: ReviewPage; counts: ReviewStateCounts }> {
  const [rows, counts] = await Promise.all([
    db
      .select(reviewColumns)
      .from(calls)
      .where(reviewWhere(filter))
      .orderBy(...orderBy(filter))
      .limit(pageSize)
      .offset((filter.page - 1) * pageSize),
    countReviewByState(db, filter),
  ]);
  const states: readonly WriteBackState[] = filter.state === undefined ? writeBackStates : [filter.state];
  return {
    page: {
      rows,
      total: states.reduce((sum, state) => sum + counts.counts[state], 0),
      estimated: states.some((state) => counts.estimated.includes(state)),
      page: filter.page,
      pageSize,
    },
    counts,
  };
}

/**
 * Every row the filter shows, in the page's order, a chunk at a time (for the CSV export).
 * The ids are read first, in one statement, so the export is one consistent set even if
 * calls change while it streams (offset paging would skip or repeat rows then); they are
 * kept as one string and read a chunk at a time (about 8 bytes a call: 8 MB at a million),
 * and each chunk's rows are read by primary key.
 */
export async function* reviewRowChunks(
  db: Db,
  filter: ReviewFilter,
  chunk = 2_000,
): AsyncGenerator<ReviewRow[]> {
  const ids = await reviewCallIdText(db, filter);
  let at = 0;
  const nextChunk = async (): Promise<ReviewRow[] | null> => {
    if (at >= ids.length) return null;
    const part: number[] = [];
    while (part.length < chunk && at < ids.length) {
      let end = ids.indexOf(",", at);
      if (end === -1) end = ids.length;
      part.push(Number(ids.slice(at, end)));
      at = end + 1;
    }
    const rows = await db
      .select(reviewColumns)
      .from(calls)
      .where(sql`${calls.id} = any(${`{${part.join(",")}}`}::bigint[])`);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return part.flatMap((id) => byId.get(id) ?? []);
  };
  // The next chunk is asked for before this one is handed on: on PostgreSQL the database
  // reads it while the caller turns this one into CSV (two chunks in memory at most).
  let pending = nextChunk();
  for (;;) {
    const rows = await pending;
    if (rows === null) return;
    pending = nextChunk();
    // A caller that stops early leaves the prefetch unread: its failure is no one's.
    pending.catch(() => undefined);
    yield rows;
  }
}

const idTextSchema = z.object({ rows: z.array(z.object({ ids: z.string().nullable() })) });

/** The filter's call ids in the page's order, as one comma-separated string. */
async function reviewCallIdText(db: Db, filter: ReviewFilter): Promise<string> {
  const ordered = db
    .select({ id: calls.id })
    .from(calls)
    .where(reviewWhere(filter))
    .orderBy(...orderBy(filter));
  // The subquery's order is kept by string_agg over it (no ORDER BY in the aggregate, which
  // would sort again instead of walking the index).
  const result = await db.execute(sql`SELECT string_agg(o.id::text, ',') AS ids FROM (${ordered}) o`);
  return idTextSchema.parse(result).rows[0]?.ids ?? "";
}

/** The ids of every call the filter shows (for "everything the filter shows" actions). */
export async function reviewCallIds(db: Db, filter: ReviewFilter): Promise<number[]> {
  const rows = await db
    .select({ id: calls.id })
    .from(calls)
    .where(reviewWhere(filter))
    .orderBy(...orderBy(filter));
  return rows.map((r) => r.id);
}
