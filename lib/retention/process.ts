import "server-only";
import { type BackgroundLoop, startBackgroundLoop } from "@/lib/background-loop";
import { getDb } from "@/lib/db";
import { log } from "@/lib/log";
import { settings } from "@/lib/settings";
import { purgePersonalData } from "./purge";

/** How often the server looks for personal data past its retention. */
const ROUND_MS = 60 * 60 * 1000;

const globalForRetention = globalThis as unknown as { __previewDeskRetention?: BackgroundLoop };

/**
 * With RETENTION_DAYS set, the server erases what is past it once an hour (the command,
 * `npm run data:purge`, does the same on demand). Several instances may run it at once:
 * each erasure takes its calls' rows first, so a call is erased and recorded once.
 */
export function ensureRetentionStarted(): BackgroundLoop | null {
  const retentionDays = settings().RETENTION_DAYS;
  if (retentionDays === 0) return null;
  globalForRetention.__previewDeskRetention ??= startBackgroundLoop({
    errorWaitMs: ROUND_MS,
    round: async () => {
      const report = await purgePersonalData(await getDb(), { retentionDays });
      if (Object.values(report.counts).some((n) => n > 0)) {
        log().info({ retentionDays, ...report.counts }, "personal data past its retention erased");
      }
      return ROUND_MS;
    },
    onError: (error) =>
      log().error({ error: error instanceof Error ? error.message : "unknown" }, "retention purge failed"),
  });
  log().info({ retentionDays }, "personal-data retention on");
  return globalForRetention.__previewDeskRetention;
}
