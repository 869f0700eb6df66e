import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { upsertCalls } from "@/lib/calls/queries";
import type { Db } from "@/lib/db";
import { type NewCall, type PullTask, pullRejects, pullTasks } from "@/lib/db/schema";
import type { IsalesClient } from "@/lib/isales/client";
import { IsalesError } from "@/lib/isales/client";

/**
 * The pull from iSales: for each chosen task whose stock of ready calls is below its
 * low-water mark, fetch a batch with callnos and store it.
 *
 * A task's stock is its calls that nobody has worked or taken yet: write-back state `none`
 * and not assigned to an agent. A call assigned to an agent is that agent's, not stock for
 * the rest; a call with any write-back has been worked.
 *
 * One fetch at a time per task across instances: a fetch first takes the task's row lease
 * (UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)), so a second instance skips it.
 * The rate limit rides on nextFetchAt/lastAttemptAt: no callnos for a task sooner than
 * minIntervalMs after the previous one, not even for "Fetch now".
 */

export type PullOptions = {
  client: IsalesClient;
  /** This process's name on leases. */
  owner: string;
  subCCNo: number;
  vdnId: number;
  minIntervalMs: number;
  backoffFirstMs: number;
  backoffMaxMs: number;
  /** Wait after a batch that came back empty (the task is worked out for now). */
  emptyWaitMs: number;
  /** How long a lease holds before another instance may take a crashed one's task. */
  leaseMs?: number;
  now?: () => Date;
};

export type PullReport = {
  serviceId: string;
  result: "fetched" | "empty" | "failed";
  stored: number;
  inserted: number;
  rejected: number;
  error?: string;
};

const DEFAULT_LEASE_MS = 60_000;
const MAX_KEPT_RAW = 4096;

/** The SQL condition "this call is stock": ready and nobody's yet. */
export const stockCondition = sql`c.write_back_state = 'none' AND c.assigned_to IS NULL`;

/** Exponential backoff after the n-th consecutive failure (n ≥ 1), capped. */
export function backoffMs(failures: number, firstMs: number, maxMs: number): number {
  return Math.min(maxMs, firstMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
}

type ClaimFilter = { serviceId?: string; force?: boolean; limit?: number };

/** Take the lease on due tasks (or one task when forced); returns those this process holds. */
export async function claimTasks(
  db: Db,
  options: PullOptions,
  filter: ClaimFilter = {},
): Promise<PullTask[]> {
  const now = (options.now ?? (() => new Date()))();
  const until = new Date(now.getTime() + (options.leaseMs ?? DEFAULT_LEASE_MS));
  const nowText = now.toISOString();
  const ready = filter.force
    ? sql`(t.last_attempt_at IS NULL OR t.last_attempt_at <= ${new Date(now.getTime() - options.minIntervalMs).toISOString()}::timestamptz)`
    : sql`t.next_fetch_at <= ${nowText}::timestamptz
        AND (SELECT count(*) FROM calls c WHERE c.vdn_id = t.vdn_id AND c.service_id = t.service_id
             AND ${stockCondition}) < t.low_water`;
  const only = filter.serviceId === undefined ? sql`` : sql`AND t.service_id = ${filter.serviceId}`;
  const result = await db.execute(sql`
    UPDATE pull_tasks SET lease_owner = ${options.owner}, lease_until = ${until.toISOString()}::timestamptz
    WHERE id IN (
      SELECT t.id FROM pull_tasks t
      WHERE t.enabled AND t.vdn_id = ${options.vdnId}
        AND (t.lease_until IS NULL OR t.lease_until < ${nowText}::timestamptz)
        AND ${ready} ${only}
      ORDER BY t.next_fetch_at
      LIMIT ${filter.limit ?? 100}
      FOR UPDATE SKIP LOCKED)
    RETURNING id`);
  const ids = (result as unknown as { rows: { id: string | number }[] }).rows.map((r) => Number(r.id));
  if (ids.length === 0) return [];
  const rows = await db.select().from(pullTasks).where(inArray(pullTasks.id, ids));
  return rows.filter((r) => r.leaseOwner === options.owner);
}

function describeError(error: unknown): string {
  // IsalesError messages name the interface and what happened, never a token or number.
  if (error instanceof IsalesError) return error.message;
  return `could not store the batch (${error instanceof Error ? error.name : "unknown error"})`;
}

function cutRaw(raw: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(raw) ?? String(raw);
  } catch {
    text = String(raw);
  }
  return text.length > MAX_KEPT_RAW ? text.slice(0, MAX_KEPT_RAW) : text;
}

/** Fetch one batch for a task this process holds the lease on, store it and release the lease. */
export async function fetchBatch(db: Db, task: PullTask, options: PullOptions): Promise<PullReport> {
  const clock = options.now ?? (() => new Date());
  const attemptAt = clock();
  try {
    const { records, rejected } = await options.client.callnos({
      subCCNo: task.subCcNo,
      vdnId: task.vdnId,
      serviceId: task.serviceId,
      batchCount: task.batchCount,
    });
    const fetchTime = clock();
    const rows: NewCall[] = [];
    const rejects: { raw: string; reason: string }[] = rejected.map((r) => ({
      raw: cutRaw(r.raw),
      reason: r.reason,
    }));
    for (const record of records) {
      if (record.serviceId !== task.serviceId) {
        rejects.push({
          raw: cutRaw(record),
          reason: `seviceId: belongs to task ${record.serviceId}, but task ${task.serviceId} was asked for`,
        });
        continue;
      }
      rows.push({
        subCcNo: task.subCcNo,
        vdnId: task.vdnId,
        serviceId: task.serviceId,
        uniqueId: record.uniqueId,
        phoneNumbers: record.phoneNumbers,
        callData: record.callData,
        callerNumber: record.callerNumber,
        fetchTime,
      });
    }
    const stored = await upsertCalls(db, rows);
    if (rejects.length > 0) {
      await db
        .insert(pullRejects)
        .values(
          rejects.map((r) => ({ ...r, vdnId: task.vdnId, serviceId: task.serviceId, fetchedAt: fetchTime })),
        );
    }
    const empty = records.length === 0 && rejected.length === 0;
    const wait = empty ? Math.max(options.emptyWaitMs, options.minIntervalMs) : options.minIntervalMs;
    await release(db, task, options.owner, {
      lastAttemptAt: attemptAt,
      lastSuccessAt: fetchTime,
      lastFetched: rows.length,
      failures: 0,
      workedOut: empty,
      nextFetchAt: new Date(attemptAt.getTime() + wait),
    });
    return {
      serviceId: task.serviceId,
      result: empty ? "empty" : "fetched",
      stored: rows.length,
      inserted: stored.inserted,
      rejected: rejects.length,
    };
  } catch (error) {
    const failures = task.failures + 1;
    const message = describeError(error);
    const wait = Math.max(
      options.minIntervalMs,
      backoffMs(failures, options.backoffFirstMs, options.backoffMaxMs),
    );
    await release(db, task, options.owner, {
      lastAttemptAt: attemptAt,
      failures,
      lastError: message,
      lastErrorAt: clock(),
      nextFetchAt: new Date(attemptAt.getTime() + wait),
    });
    return {
      serviceId: task.serviceId,
      result: "failed",
      stored: 0,
      inserted: 0,
      rejected: 0,
      error: message,
    };
  }
}

async function release(db: Db, task: PullTask, owner: string, values: Partial<PullTask>): Promise<void> {
  await db
    .update(pullTasks)
    .set({ ...values, leaseOwner: null, leaseUntil: null })
    .where(and(eq(pullTasks.id, task.id), eq(pullTasks.leaseOwner, owner)));
}

/** One round of the puller: every due task below its low-water mark gets one batch. */
export async function pullDue(db: Db, options: PullOptions): Promise<PullReport[]> {
  const claimed = await claimTasks(db, options);
  // Tasks are independent; each holds its own lease. One at a time keeps the load on iSales low.
  const reports: PullReport[] = [];
  for (const task of claimed) reports.push(await fetchBatch(db, task, options));
  return reports;
}

export type FetchNowResult =
  | { ok: true; report: PullReport }
  | { ok: false; reason: "busy_or_too_soon" | "not_chosen" };

/** "Fetch now": one batch for this task whatever its stock, within the rate limit. */
export async function fetchNow(db: Db, serviceId: string, options: PullOptions): Promise<FetchNowResult> {
  const [task] = await db
    .select({ id: pullTasks.id })
    .from(pullTasks)
    .where(
      and(
        eq(pullTasks.vdnId, options.vdnId),
        eq(pullTasks.serviceId, serviceId),
        eq(pullTasks.enabled, true),
      ),
    );
  if (!task) return { ok: false, reason: "not_chosen" };
  const [claimed] = await claimTasks(db, options, { serviceId, force: true, limit: 1 });
  if (!claimed) return { ok: false, reason: "busy_or_too_soon" };
  return { ok: true, report: await fetchBatch(db, claimed, options) };
}
