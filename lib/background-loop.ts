import "server-only";

export type BackgroundLoop = { wake(): void; stop(): Promise<void> };

/**
 * Runs `round` again and again in the background until stopped. After each round it waits
 * the milliseconds the round returns (0: go again at once), or less when woken. A round
 * that throws is reported to `onError` and followed by a wait of `errorWaitMs`: a database
 * hiccup must not end background work. `stop()` ends any wait at once and resolves when
 * the round under way has finished. Used by the puller and the import worker.
 */
export function startBackgroundLoop(options: {
  round: () => Promise<number>;
  errorWaitMs: number;
  onError?: (error: unknown) => void;
}): BackgroundLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let wakeUp: (() => void) | null = null;
  const loop = (async () => {
    while (!stopped) {
      let waitMs: number;
      try {
        waitMs = await options.round();
      } catch (error) {
        options.onError?.(error);
        waitMs = options.errorWaitMs;
      }
      if (stopped) break;
      if (waitMs <= 0) continue;
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        timer = setTimeout(resolve, waitMs);
      });
    }
  })();
  const wake = () => {
    if (timer) clearTimeout(timer);
    wakeUp?.();
  };
  return {
    wake,
    async stop() {
      stopped = true;
      wake();
      await loop;
    },
  };
}
