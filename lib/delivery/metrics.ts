import "server-only";
import { count, inArray, min } from "drizzle-orm";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Db } from "@/lib/db";
import { deliveryStates, writeBacks } from "@/lib/db/schema";
import type { WriteBackOutcome } from "@/lib/isales/types";
import type { BreakerState } from "./breaker";

/**
 * Delivery's Prometheus metrics, one registry per process (kept on globalThis: Next.js may
 * evaluate this module more than once). Counters and the histogram count what this process
 * did; the queue gauges are read from the database at scrape time, so every instance shows
 * the same queue.
 */
type DeliveryMetrics = {
  registry: Registry;
  attempts: Counter<"outcome">;
  finished: Counter<"state">;
  latency: Histogram<"outcome">;
  queue: Gauge<"state">;
  oldest: Gauge;
  breaker: Gauge<"state">;
};

const globalForMetrics = globalThis as unknown as {
  __previewDeskDeliveryMetrics?: DeliveryMetrics;
  __previewDeskMetricsSource?: { db: () => Promise<Db>; breaker: () => BreakerState };
};

/** Where the scrape-time gauges read from; set by whoever owns the database and breaker. */
export function setMetricsSource(source: { db: () => Promise<Db>; breaker: () => BreakerState }): void {
  globalForMetrics.__previewDeskMetricsSource = source;
}

const waitingStates = ["queued", "sending", "retrying"] as const;

function create(): DeliveryMetrics {
  const registry = new Registry();
  const attempts = new Counter({
    name: "preview_desk_write_back_attempts_total",
    help: "HTTP write-back attempts to iSales, by outcome (accepted, refused, http_error, no_answer, invalid_answer)",
    labelNames: ["outcome"],
    registers: [registry],
  });
  const finished = new Counter({
    name: "preview_desk_write_backs_total",
    help: "Write-backs by where an attempt left them (accepted, retrying, attention, superseded)",
    labelNames: ["state"],
    registers: [registry],
  });
  const latency = new Histogram({
    name: "preview_desk_isales_request_duration_seconds",
    help: "Time iSales took to answer a write-back (or not), by outcome",
    labelNames: ["outcome"],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const queue = new Gauge({
    name: "preview_desk_write_back_queue",
    help: "Write-backs by delivery state, read from the database at scrape time",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      const source = globalForMetrics.__previewDeskMetricsSource;
      if (!source) return;
      const db = await source.db();
      const rows = await db
        .select({ state: writeBacks.state, n: count() })
        .from(writeBacks)
        .groupBy(writeBacks.state);
      this.reset();
      for (const state of deliveryStates) this.set({ state }, rows.find((r) => r.state === state)?.n ?? 0);
    },
  });
  const oldest = new Gauge({
    name: "preview_desk_write_back_oldest_waiting_seconds",
    help: "Age of the oldest write-back not yet answered (queued, sending or retrying); 0 when none",
    registers: [registry],
    async collect() {
      const source = globalForMetrics.__previewDeskMetricsSource;
      if (!source) return;
      const db = await source.db();
      const [row] = await db
        .select({ at: min(writeBacks.createdAt) })
        .from(writeBacks)
        .where(inArray(writeBacks.state, [...waitingStates]));
      const at = row?.at ? new Date(row.at) : null;
      this.set(at ? Math.max(0, (Date.now() - at.getTime()) / 1000) : 0);
    },
  });
  const breaker = new Gauge({
    name: "preview_desk_isales_breaker",
    help: "Circuit breaker around iSales in this process: 1 for its current state",
    labelNames: ["state"],
    registers: [registry],
    collect() {
      const source = globalForMetrics.__previewDeskMetricsSource;
      const current = source?.breaker() ?? "closed";
      for (const state of ["closed", "open", "half-open"] as const)
        this.set({ state }, state === current ? 1 : 0);
    },
  });
  return { registry, attempts, finished, latency, queue, oldest, breaker };
}

export function deliveryMetrics(): DeliveryMetrics {
  globalForMetrics.__previewDeskDeliveryMetrics ??= create();
  return globalForMetrics.__previewDeskDeliveryMetrics;
}

export function recordAttempt(outcome: WriteBackOutcome, durationMs: number): void {
  const m = deliveryMetrics();
  m.attempts.inc({ outcome: outcome.kind });
  m.latency.observe({ outcome: outcome.kind }, durationMs / 1000);
}

export function recordState(state: "accepted" | "retrying" | "attention" | "superseded", n = 1): void {
  if (n > 0) deliveryMetrics().finished.inc({ state }, n);
}

/** The Prometheus text exposition and its content type. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const { registry } = deliveryMetrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
