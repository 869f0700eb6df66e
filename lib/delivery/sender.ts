import "server-only";
import type { Db } from "@/lib/db";
import { log } from "@/lib/log";
import type { BreakerState, DeliveryBreaker } from "./breaker";
import { claimDue } from "./claim";
import { type DeliveryOptions, sendClaimed } from "./deliver";
import { recordState } from "./metrics";

export type SenderOptions = DeliveryOptions & {
  db: Db;
  breaker: DeliveryBreaker;
  /** How often to look for due work when nothing wakes it. */
  pollMs: number;
  /** Deliveries in flight at once while the breaker is closed (one probe otherwise). */
  concurrency: number;
};

export type Sender = {
  /** Look for work now (after a submission, or a supervisor's retry). */
  wake(): void;
  breakerState(): BreakerState;
  /** Stop claiming, wait for the deliveries in flight to be recorded. */
  stop(): Promise<void>;
};

/**
 * The background sender: claims due write-backs and delivers them, up to `concurrency` at
 * a time. While the breaker is open nothing is claimed (write-backs stay queued); when it
 * lets a probe through, exactly one write-back is claimed and sent.
 */
export function startSender(options: SenderOptions): Sender {
  const { db, breaker } = options;
  const inFlight = new Set<Promise<void>>();
  const lowWater = Math.floor(options.concurrency / 2);
  let stopped = false;
  let ticking = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void tick(), ms);
  };

  async function tick(): Promise<void> {
    if (stopped) return;
    if (ticking) {
      again = true;
      return;
    }
    ticking = true;
    let full = false;
    try {
      const capacity =
        breaker.state() === "closed"
          ? options.concurrency - inFlight.size
          : inFlight.size === 0 && breaker.admits()
            ? 1
            : 0;
      if (capacity > 0) {
        const { claimed, superseded } = await claimDue(db, options.owner, capacity, {
          leaseS: options.policy.leaseS,
        });
        recordState("superseded", superseded.length);
        full = claimed.length === capacity;
        for (const row of claimed) {
          const delivery = sendClaimed(db, row, options)
            .then(
              () => undefined,
              (error: unknown) =>
                log().error({ err: error, writeBackId: row.id }, "write-back delivery failed"),
            )
            .finally(() => {
              inFlight.delete(delivery);
              // Half the slots are free: look again at once rather than at the next poll.
              // Claims go in batches (one claim transaction for several write-backs, not
              // one per write-back, which was most of a bulk re-send's cost); a wake (a
              // new submission, a supervisor's retry) still claims into any free slot.
              if (!stopped && inFlight.size <= lowWater) queueMicrotask(() => void tick());
            });
          inFlight.add(delivery);
        }
      }
    } catch (error) {
      // The database may be briefly unreachable: try again at the next poll.
      log().warn({ err: error }, "sender could not claim write-backs");
    } finally {
      ticking = false;
    }
    if (again || (full && inFlight.size < options.concurrency)) {
      again = false;
      schedule(0);
    } else {
      schedule(options.pollMs);
    }
  }

  schedule(0);
  return {
    wake() {
      if (!stopped) schedule(0);
    },
    breakerState: () => breaker.state(),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      while (ticking || inFlight.size > 0) {
        await Promise.allSettled([...inFlight]);
        if (ticking) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };
}
