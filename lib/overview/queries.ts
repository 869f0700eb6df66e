import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";

/**
 * The supervisor's overview (issue 13): how the shift is going, from SQL aggregates only
 * (no rows are read into the process), each served by an index on the time it filters on.
 *
 * Definitions, for a range [from, to):
 * - calls taken: calls that came in (imported or pulled) in the range;
 * - written back: calls with a write-back submitted in the range; accepted: calls with a
 *   write-back submitted in the range that iSales accepted; needing attention: write-backs
 *   submitted in the range that wait for a person; waiting: write-backs queued, being sent
 *   or retrying now, whenever submitted (a live figure, not bounded by the range);
 * - per 15 minutes, by submission time: accepted at the first try, accepted after retries,
 *   needing attention;
 * - outcome mix: for each call written back in the range, the outcome of its latest
 *   write-back in the range, by status and by failure code;
 * - per agent: the calls they submitted in the range; handle time is call start to call
 *   end of the agent's latest write-back of the call in the range, wrap-up is that call end
 *   to the agent's first submission of the call in the range;
 * - per task: calls in the pool (no agent, never written back), calls that came in in the
 *   range, calls accepted in the range, and the pull's last error.
 *
 * Each write-back carries its call's task and the outcome it sent (copied as it is
 * recorded: migration 0013), so the figures of a range read that range's write-backs
 * through write_backs(created_at) and never look a call up one by one: at 1,000,000 calls
 * a day's 33,000 lookups cost more than everything else together.
 */

export type OverviewRange = { from: Date; to: Date };

export type OverviewTotals = {
  callsTaken: number;
  writtenBack: number;
  accepted: number;
  attention: number;
  waiting: number;
  oldestWaiting: Date | null;
};

export type OverviewBucket = { start: Date; accepted: number; retried: number; attention: number };
export type OutcomeCount = { code: string | null; count: number };
export type AgentRow = {
  userId: number;
  username: string;
  callsDone: number;
  accepted: number;
  attention: number;
  avgHandleSeconds: number | null;
  avgWrapUpSeconds: number | null;
  lastActivity: Date;
};
export type TaskRow = {
  serviceId: string;
  pool: number;
  takenInRange: number;
  acceptedInRange: number;
  lastError: string | null;
  lastErrorAt: Date | null;
};

export type Overview = {
  range: OverviewRange;
  totals: OverviewTotals;
  buckets: OverviewBucket[];
  statuses: OutcomeCount[];
  failCodes: OutcomeCount[];
  agents: AgentRow[];
  tasks: TaskRow[];
};

const WAITING = sql`('queued', 'sending', 'retrying')`;

type Rows<T> = { rows: T[] };
async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as Rows<T>).rows;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v));

export async function overviewTotals(db: Db, { from, to }: OverviewRange): Promise<OverviewTotals> {
  const [taken] = await rows<{ n: unknown }>(
    db,
    sql`SELECT count(*) AS n FROM calls WHERE created_at >= ${from.toISOString()}::timestamptz AND created_at < ${to.toISOString()}::timestamptz`,
  );
  const [written] = await rows<{ written: unknown; accepted: unknown; attention: unknown }>(
    db,
    sql`SELECT count(DISTINCT call_id) AS written,
          count(DISTINCT call_id) FILTER (WHERE state = 'accepted') AS accepted,
          count(*) FILTER (WHERE state = 'attention') AS attention
        FROM write_backs
        WHERE created_at >= ${from.toISOString()}::timestamptz AND created_at < ${to.toISOString()}::timestamptz`,
  );
  const [waiting] = await rows<{ n: unknown; oldest: unknown }>(
    db,
    sql`SELECT count(*) AS n, min(created_at) AS oldest FROM write_backs WHERE state IN ${WAITING}`,
  );
  return {
    callsTaken: num(taken?.n),
    writtenBack: num(written?.written),
    accepted: num(written?.accepted),
    attention: num(written?.attention),
    waiting: num(waiting?.n),
    oldestWaiting: dateOrNull(waiting?.oldest),
  };
}

/** Write-backs per 15 minutes of the range, every bucket present (zeros included). */
export async function overviewBuckets(db: Db, { from, to }: OverviewRange): Promise<OverviewBucket[]> {
  const found = await rows<{ bucket: unknown; accepted: unknown; retried: unknown; attention: unknown }>(
    db,
    sql`SELECT date_bin('15 minutes', created_at, ${from.toISOString()}::timestamptz) AS bucket,
          count(*) FILTER (WHERE state = 'accepted' AND attempts <= 1) AS accepted,
          count(*) FILTER (WHERE state = 'accepted' AND attempts > 1) AS retried,
          count(*) FILTER (WHERE state = 'attention') AS attention
        FROM write_backs
        WHERE created_at >= ${from.toISOString()}::timestamptz AND created_at < ${to.toISOString()}::timestamptz
        GROUP BY 1`,
  );
  const byStart = new Map(found.map((r) => [date(r.bucket).getTime(), r]));
  const out: OverviewBucket[] = [];
  for (let t = from.getTime(); t < to.getTime(); t += 15 * 60_000) {
    const r = byStart.get(t);
    out.push({
      start: new Date(t),
      accepted: num(r?.accepted),
      retried: num(r?.retried),
      attention: num(r?.attention),
    });
  }
  return out;
}

/** The latest outcome of the calls written back in the range: by status, and the top failure codes. */
export async function overviewOutcomes(
  db: Db,
  { from, to }: OverviewRange,
  topFailCodes = 10,
): Promise<{ statuses: OutcomeCount[]; failCodes: OutcomeCount[] }> {
  // One pass over the range's write-backs for both mixes (grouping sets), each call once:
  // its latest write-back of the range.
  const found = await rows<{ by_status: unknown; code: string | null; n: unknown }>(
    db,
    sql`WITH latest AS (
          SELECT DISTINCT ON (call_id) status, fail_code FROM write_backs
          WHERE created_at >= ${from.toISOString()}::timestamptz AND created_at < ${to.toISOString()}::timestamptz
          ORDER BY call_id, created_at DESC, id DESC
        )
        SELECT GROUPING(fail_code) = 1 AS by_status,
          CASE WHEN GROUPING(fail_code) = 1 THEN status ELSE fail_code END AS code, count(*) AS n
        FROM latest GROUP BY GROUPING SETS ((status), (fail_code))`,
  );
  const mix = (byStatus: boolean) =>
    found
      .filter((r) => (r.by_status === true || r.by_status === "t") === byStatus)
      .map((r) => ({ code: r.code, count: num(r.n) }))
      .sort((a, b) => b.count - a.count || String(a.code).localeCompare(String(b.code)));
  return {
    statuses: mix(true),
    failCodes: mix(false)
      .filter((r) => r.code !== null)
      .slice(0, topFailCodes),
  };
}

export async function overviewAgents(db: Db, { from, to }: OverviewRange): Promise<AgentRow[]> {
  const found = await rows<{
    user_id: unknown;
    username: string;
    calls_done: unknown;
    accepted: unknown;
    attention: unknown;
    avg_handle: unknown;
    avg_wrap: unknown;
    last_activity: unknown;
  }>(
    db,
    // One grouped pass over the range's write-backs per (agent, call), then per agent: the
    // per-agent figures that are not per call (attention, last activity) ride along, so
    // the range is read once (a second pass and a join back on the agent cost more).
    sql`WITH per_call AS (
          -- One sort of the range's rows: the latest write-back of each (agent, call) with
          -- its group's figures as window aggregates (an ORDER BY inside an aggregate sorts
          -- once per group: 33,000 small sorts cost more than the rest together).
          SELECT DISTINCT ON (user_id, call_id) user_id, call_id,
            min(created_at) OVER w AS first_sent, max(created_at) OVER w AS last_at,
            count(*) FILTER (WHERE state = 'attention') OVER w AS attention,
            bool_or(state = 'accepted') OVER w AS accepted,
            write_start_time AS started, end_call_time AS ended
          FROM write_backs
          WHERE user_id IS NOT NULL
            AND created_at >= ${from.toISOString()}::timestamptz AND created_at < ${to.toISOString()}::timestamptz
          WINDOW w AS (PARTITION BY user_id, call_id)
          ORDER BY user_id, call_id, created_at DESC, id DESC
        )
        SELECT u.id AS user_id, u.username,
          count(*) AS calls_done,
          count(*) FILTER (WHERE p.accepted) AS accepted,
          sum(p.attention) AS attention,
          avg(extract(epoch FROM (p.ended - p.started)))
            FILTER (WHERE p.ended >= p.started) AS avg_handle,
          avg(extract(epoch FROM (p.first_sent - p.ended)))
            FILTER (WHERE p.first_sent >= p.ended) AS avg_wrap,
          max(p.last_at) AS last_activity
        FROM per_call p
        JOIN users u ON u.id = p.user_id
        GROUP BY u.id, u.username
        ORDER BY u.username`,
  );
  return found.map((r) => ({
    userId: num(r.user_id),
    username: r.username,
    callsDone: num(r.calls_done),
    accepted: num(r.accepted),
    attention: num(r.attention),
    avgHandleSeconds: numOrNull(r.avg_handle),
    avgWrapUpSeconds: numOrNull(r.avg_wrap),
    lastActivity: date(r.last_activity),
  }));
}

export async function overviewTasks(db: Db, { from, to }: OverviewRange): Promise<TaskRow[]> {
  const found = await rows<{
    service_id: string;
    pool: unknown;
    taken: unknown;
    accepted: unknown;
    last_error: string | null;
    last_error_at: unknown;
  }>(
    db,
    // Each figure one grouped pass through its own index (the pool through
    // (assigned_to, write_back_state, …), taken through (service_id, created_at, …), accepted
    // through write_backs(created_at), which carry their task), not three correlated counts
    // per task.
    sql`WITH tasks AS (
          SELECT service_id FROM pull_tasks WHERE enabled
          UNION
          SELECT DISTINCT service_id FROM calls
          WHERE created_at >= ${from.toISOString()}::timestamptz AND created_at < ${to.toISOString()}::timestamptz
        ), pool AS (
          SELECT service_id, count(*) AS n FROM calls
          WHERE assigned_to IS NULL AND write_back_state = 'none' GROUP BY service_id
        ), taken AS (
          SELECT service_id, count(*) AS n FROM calls
          WHERE created_at >= ${from.toISOString()}::timestamptz AND created_at < ${to.toISOString()}::timestamptz
          GROUP BY service_id
        ), accepted AS (
          SELECT service_id, count(DISTINCT call_id) AS n
          FROM write_backs
          WHERE state = 'accepted'
            AND created_at >= ${from.toISOString()}::timestamptz AND created_at < ${to.toISOString()}::timestamptz
          GROUP BY service_id
        ), errors AS (
          SELECT DISTINCT ON (service_id) service_id, last_error, last_error_at FROM pull_tasks
          ORDER BY service_id, last_error_at DESC NULLS LAST
        )
        SELECT t.service_id, coalesce(pool.n, 0) AS pool, coalesce(taken.n, 0) AS taken,
          coalesce(accepted.n, 0) AS accepted, errors.last_error, errors.last_error_at
        FROM tasks t
        LEFT JOIN pool ON pool.service_id = t.service_id
        LEFT JOIN taken ON taken.service_id = t.service_id
        LEFT JOIN accepted ON accepted.service_id = t.service_id
        LEFT JOIN errors ON errors.service_id = t.service_id
        ORDER BY t.service_id`,
  );
  return found.map((r) => ({
    serviceId: r.service_id,
    pool: num(r.pool),
    takenInRange: num(r.taken),
    acceptedInRange: num(r.accepted),
    lastError: r.last_error,
    lastErrorAt: dateOrNull(r.last_error_at),
  }));
}

export async function overview(db: Db, range: OverviewRange): Promise<Overview> {
  // Two at a time, no more: the per-agent figures (the dearest, one sort of the range) on
  // one connection while the other four run one after another on a second, so the page
  // waits for the longer of the two, and a supervisor's overview never holds more than two
  // of the pool's connections. (PGlite has one connection and runs them in turn anyway.)
  const [agents, rest] = await Promise.all([
    overviewAgents(db, range),
    (async () => {
      const totals = await overviewTotals(db, range);
      const buckets = await overviewBuckets(db, range);
      const outcomes = await overviewOutcomes(db, range);
      const tasks = await overviewTasks(db, range);
      return { totals, buckets, ...outcomes, tasks };
    })(),
  ]);
  return { range, ...rest, agents };
}
