import "server-only";
import { and, count, eq, inArray, max, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { calls, type DeliveryState, users, writeBacks } from "@/lib/db/schema";
import { describeOutcome, outcomeFromRecord } from "@/lib/isales/outcome-messages";

/** Write-backs not yet accepted and not finished another way: the queue a supervisor watches. */
export const queueStates = [
  "queued",
  "sending",
  "retrying",
  "attention",
] as const satisfies readonly DeliveryState[];
export type QueueState = (typeof queueStates)[number];

export const QUEUE_PAGE_SIZE = 50;

export type QueueRow = {
  id: number;
  callId: number;
  serviceId: string;
  uniqueId: string;
  state: DeliveryState;
  attempts: number;
  createdAt: Date;
  nextAttemptAt: Date;
  sentBy: string | null;
  bulkId: number | null;
  /** midresult, or result (a final result through call/result). */
  interface: "midresult" | "result";
  /** The last answer in plain words (describeOutcome), or null before any attempt. */
  lastError: string | null;
};

function lastErrorWords(row: {
  lastOutcome: string | null;
  lastHttpStatus: number | null;
  lastResultCode: string | null;
  lastError: string | null;
}): string | null {
  if (!row.lastOutcome) return null;
  const outcome = outcomeFromRecord({
    outcome: row.lastOutcome,
    httpStatus: row.lastHttpStatus,
    resultCode: row.lastResultCode,
    failureReason: row.lastError,
    responseBody: null,
  });
  return outcome ? describeOutcome(outcome).title : row.lastError;
}

/** One page of the queue, oldest first (the ones waiting longest matter most). */
export async function listQueue(
  db: Db,
  options: { state?: QueueState; page?: number } = {},
): Promise<{
  rows: QueueRow[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<QueueState, number>;
}> {
  const page = Math.max(1, options.page ?? 1);
  const where: SQL | undefined = options.state
    ? eq(writeBacks.state, options.state)
    : inArray(writeBacks.state, [...queueStates]);
  const [rows, byState] = await Promise.all([
    db
      .select({
        id: writeBacks.id,
        callId: writeBacks.callId,
        serviceId: calls.serviceId,
        uniqueId: calls.uniqueId,
        state: writeBacks.state,
        attempts: writeBacks.attempts,
        createdAt: writeBacks.createdAt,
        nextAttemptAt: writeBacks.nextAttemptAt,
        sentBy: users.username,
        bulkId: writeBacks.bulkId,
        interface: writeBacks.interface,
        lastOutcome: writeBacks.lastOutcome,
        lastHttpStatus: writeBacks.lastHttpStatus,
        lastResultCode: writeBacks.lastResultCode,
        lastError: writeBacks.lastError,
      })
      .from(writeBacks)
      .innerJoin(calls, eq(calls.id, writeBacks.callId))
      .leftJoin(users, eq(users.id, writeBacks.userId))
      .where(where)
      .orderBy(writeBacks.createdAt, writeBacks.id)
      .limit(QUEUE_PAGE_SIZE)
      .offset((page - 1) * QUEUE_PAGE_SIZE),
    // The total is the counts' sum (or the one state's count): one count fewer.
    db
      .select({ state: writeBacks.state, n: count() })
      .from(writeBacks)
      .where(inArray(writeBacks.state, [...queueStates]))
      .groupBy(writeBacks.state),
  ]);
  const counts = Object.fromEntries(queueStates.map((s) => [s, 0])) as Record<QueueState, number>;
  for (const r of byState) if (r.state in counts) counts[r.state as QueueState] = r.n;
  return {
    rows: rows.map(({ lastOutcome, lastHttpStatus, lastResultCode, lastError, ...rest }) => ({
      ...rest,
      lastError: lastErrorWords({ lastOutcome, lastHttpStatus, lastResultCode, lastError }),
    })),
    total: options.state ? counts[options.state] : queueStates.reduce((sum, s) => sum + counts[s], 0),
    page,
    pageSize: QUEUE_PAGE_SIZE,
    counts,
  };
}

/** The ids of every write-back in the queue (for "all" actions), optionally of one state. */
export async function queueIds(db: Db, state?: QueueState): Promise<number[]> {
  const rows = await db
    .select({ id: writeBacks.id })
    .from(writeBacks)
    .where(state ? eq(writeBacks.state, state) : inArray(writeBacks.state, [...queueStates]))
    .orderBy(writeBacks.id);
  return rows.map((r) => r.id);
}

/**
 * Send again now: waiting, retrying or attention write-backs go back to queued, due at once
 * (the caller wakes the sender). One being sent is left alone: its sender holds the lease.
 * The call shows "Sending" again when this is its newest write-back.
 */
export async function retryWriteBacks(db: Db, ids: readonly number[]): Promise<number> {
  if (ids.length === 0) return 0;
  return db.transaction(async (tx) => {
    const changed = await tx
      .update(writeBacks)
      .set({
        state: "queued",
        nextAttemptAt: sql`now()`,
        finishedAt: null,
        leaseOwner: null,
        leaseUntil: null,
      })
      .where(
        and(inArray(writeBacks.id, [...ids]), inArray(writeBacks.state, ["queued", "retrying", "attention"])),
      )
      .returning({ id: writeBacks.id, callId: writeBacks.callId });
    const changedIds = new Set(changed.map((c) => c.id));
    const callIds = [...new Set(changed.map((c) => c.callId))];
    if (callIds.length > 0) {
      const newest = await tx
        .select({ callId: writeBacks.callId, id: max(writeBacks.id) })
        .from(writeBacks)
        .where(inArray(writeBacks.callId, callIds))
        .groupBy(writeBacks.callId);
      const pendingCalls = newest.filter((n) => n.id !== null && changedIds.has(n.id)).map((n) => n.callId);
      if (pendingCalls.length > 0)
        await tx
          .update(calls)
          .set({ writeBackState: "pending", updatedAt: new Date() })
          .where(inArray(calls.id, pendingCalls));
    }
    return changed.length;
  });
}

/**
 * Cancel: the write-back will not be sent (again). Recorded with who and why. A call left
 * "Sending" with nothing on its way any more shows "Failed", so it reappears among the
 * calls to look at rather than waiting forever.
 */
export async function cancelWriteBacks(
  db: Db,
  ids: readonly number[],
  userId: number,
  reason: string,
): Promise<number> {
  if (ids.length === 0) return 0;
  return db.transaction(async (tx) => {
    const changed = await tx
      .update(writeBacks)
      .set({
        state: "cancelled",
        cancelledBy: userId,
        cancelReason: reason,
        finishedAt: sql`now()`,
        leaseOwner: null,
        leaseUntil: null,
      })
      .where(
        and(inArray(writeBacks.id, [...ids]), inArray(writeBacks.state, ["queued", "retrying", "attention"])),
      )
      .returning({ callId: writeBacks.callId });
    const callIds = [...new Set(changed.map((c) => c.callId))];
    if (callIds.length > 0) {
      await tx
        .update(calls)
        .set({ writeBackState: "failed", updatedAt: new Date() })
        .where(
          and(
            inArray(calls.id, callIds),
            eq(calls.writeBackState, "pending"),
            sql`NOT EXISTS (SELECT 1 FROM ${writeBacks} w WHERE w.call_id = ${calls.id} AND w.state IN ('queued','sending','retrying'))`,
          ),
        );
    }
    return changed.length;
  });
}

/** How old a write-back is, in plain words (for the queue's age column). */
export function ageWords(from: Date, now = new Date()): string {
  const s = Math.max(0, Math.round((now.getTime() - from.getTime()) / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
}
