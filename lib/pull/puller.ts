import "server-only";
import { startBackgroundLoop } from "@/lib/background-loop";
import type { Db } from "@/lib/db";
import { type PullOptions, type PullReport, pullDue } from "./pull";

export type Puller = {
  /** Look for work now instead of at the next poll. */
  wake(): void;
  /** Stop after the round in flight. */
  stop(): Promise<void>;
};

export type PullerOptions = PullOptions & {
  db: Db;
  pollMs: number;
  onReport?: (reports: PullReport[]) => void;
  onError?: (error: unknown) => void;
};

/**
 * The background loop: a round, then a wait. After a round that fetched, the next comes
 * after minIntervalMs (a task still below its mark is refilled at the rate limit);
 * otherwise after pollMs.
 */
export function startPuller(options: PullerOptions): Puller {
  return startBackgroundLoop({
    round: async () => {
      const reports = await pullDue(options.db, options);
      if (reports.length > 0) options.onReport?.(reports);
      return reports.some((r) => r.result === "fetched") ? options.minIntervalMs : options.pollMs;
    },
    errorWaitMs: options.pollMs,
    onError: (error) => options.onError?.(error),
  });
}
