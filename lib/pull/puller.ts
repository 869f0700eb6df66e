import "server-only";
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
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let wakeUp: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wakeUp = resolve;
      timer = setTimeout(resolve, ms);
    });

  const loop = (async () => {
    while (!stopped) {
      let fetched = false;
      try {
        const reports = await pullDue(options.db, options);
        fetched = reports.some((r) => r.result === "fetched");
        if (reports.length > 0) options.onReport?.(reports);
      } catch (error) {
        options.onError?.(error);
      }
      if (stopped) break;
      await sleep(fetched ? options.minIntervalMs : options.pollMs);
    }
  })();

  return {
    wake() {
      if (timer) clearTimeout(timer);
      wakeUp?.();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      wakeUp?.();
      await loop;
    },
  };
}
