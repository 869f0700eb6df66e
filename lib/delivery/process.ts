import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { getDb } from "@/lib/db";
import { getIsalesClient } from "@/lib/isales/client";
import { log } from "@/lib/log";
import { settings } from "@/lib/settings";
import { type BreakerState, createBreaker, type DeliveryBreaker } from "./breaker";
import { type InlineDelivery, inlineDelivery, sendClaimed } from "./deliver";
import { setMetricsSource } from "./metrics";
import { deliveryPolicyFromSettings } from "./policy";
import { type Sender, startSender } from "./sender";

/**
 * The process's delivery: one breaker, one owner name and at most one background sender,
 * kept on globalThis because Next.js may evaluate server modules more than once.
 */
const globalForDelivery = globalThis as unknown as {
  __previewDeskBreaker?: DeliveryBreaker;
  __previewDeskSenderOwner?: string;
  __previewDeskSender?: Sender;
};

export function processBreaker(): DeliveryBreaker {
  if (!globalForDelivery.__previewDeskBreaker) {
    const s = settings();
    const breaker = createBreaker({
      failures: s.DELIVERY_BREAKER_FAILURES,
      halfOpenAfterMs: s.DELIVERY_BREAKER_HALF_OPEN_MS,
    });
    breaker.onStateChange((state) => log().warn({ breaker: state }, `iSales circuit breaker ${state}`));
    globalForDelivery.__previewDeskBreaker = breaker;
    setMetricsSource({ db: getDb, breaker: () => breaker.state() });
  }
  return globalForDelivery.__previewDeskBreaker;
}

/** This process's name on leases and attempts: host, process id and a random tag. */
export function senderOwner(): string {
  globalForDelivery.__previewDeskSenderOwner ??= `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  return globalForDelivery.__previewDeskSenderOwner;
}

/** The breaker's state in this process (for the banner and /api/ready). */
export function breakerState(): BreakerState {
  return processBreaker().state();
}

function processOptions() {
  return {
    client: getIsalesClient(),
    owner: senderOwner(),
    policy: deliveryPolicyFromSettings(),
    breaker: processBreaker(),
  };
}

/** Start this process's background sender (once); the server's start-up calls this. */
export async function ensureSenderStarted(): Promise<Sender> {
  if (!globalForDelivery.__previewDeskSender) {
    const s = settings();
    const db = await getDb();
    globalForDelivery.__previewDeskSender ??= startSender({
      db,
      ...processOptions(),
      pollMs: s.DELIVERY_POLL_MS,
      concurrency: s.DELIVERY_CONCURRENCY,
    });
    log().info({ owner: senderOwner() }, "write-back sender started");
  }
  return globalForDelivery.__previewDeskSender;
}

/** Ask the background sender (if running in this process) to look for work now. */
export function wakeSender(): void {
  globalForDelivery.__previewDeskSender?.wake();
}

/** Stop this process's sender, letting deliveries in flight finish and be recorded. */
export async function stopSender(): Promise<void> {
  const sender = globalForDelivery.__previewDeskSender;
  globalForDelivery.__previewDeskSender = undefined;
  await sender?.stop();
}

/**
 * For the agent's submit: it records its write-back already claimed for this process, and
 * sends it at once through this, so the agent sees iSales's answer. Whatever that does not
 * finish (retry later, breaker open) the sender picks up; so does a write-back recorded
 * queued behind an older one of its call still in flight.
 */
export async function processInline(): Promise<InlineDelivery> {
  const db = await getDb();
  const options = processOptions();
  return {
    ...inlineDelivery(db, options, wakeSender),
    async send(row) {
      try {
        const report = await sendClaimed(db, row, options);
        if (report.result !== "sent" || report.state === "retrying") wakeSender();
        return report;
      } catch (error) {
        // Recorded already: its lease runs out and the sender delivers it.
        log().error({ err: error, writeBackId: row.id }, "inline delivery failed; left to the sender");
        wakeSender();
        return { result: "not_claimed", writeBackId: row.id, state: null };
      }
    },
  };
}
