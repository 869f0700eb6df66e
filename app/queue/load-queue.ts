import "server-only";
import type { QueueView } from "@/components/queue/queue-data";
import type { Db } from "@/lib/db";
import { listQueue, type QueueState, queueStates } from "@/lib/review/queue";

/** The state filter of the queue's address: one of the queue's states, or all. */
export function queueStateParam(value: unknown): QueueState | undefined {
  return queueStates.find((s) => s === value);
}

export function queuePageParam(value: unknown): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

/** One page of the queue, shaped for the browser (the page and GET /api/queue). */
export async function loadQueueView(db: Db, state: QueueState | undefined, page: number): Promise<QueueView> {
  const queue = await listQueue(db, { state, page });
  return {
    now: new Date().toISOString(),
    total: queue.total,
    pageSize: queue.pageSize,
    counts: queue.counts,
    rows: queue.rows.map((r) => ({
      id: r.id,
      callId: r.callId,
      serviceId: r.serviceId,
      uniqueId: r.uniqueId,
      state: r.state,
      attempts: r.attempts,
      createdAt: r.createdAt.toISOString(),
      sentBy: r.sentBy,
      bulkId: r.bulkId,
      interface: r.interface,
      lastError: r.lastError,
    })),
  };
}
