import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { getDb } from "@/lib/db";
import { getIsalesClient } from "@/lib/isales/client";
import { log } from "@/lib/log";
import { settings } from "@/lib/settings";
import type { PullOptions } from "./pull";
import { type Puller, startPuller } from "./puller";

/** The process's puller, kept on globalThis because Next.js may evaluate modules more than once. */
const globalForPull = globalThis as unknown as {
  __previewDeskPuller?: Puller;
  __previewDeskPullOwner?: string;
};

/** The call centre and VCC to pull from, or null when the settings do not name them. */
export function pullTarget(): { subCCNo: number; vdnId: number } | null {
  const s = settings();
  if (s.ISALES_SUB_CC_NO === undefined || s.ISALES_VDN_ID === undefined) return null;
  return { subCCNo: s.ISALES_SUB_CC_NO, vdnId: s.ISALES_VDN_ID };
}

/** Pull options from settings; null when ISALES_SUB_CC_NO / ISALES_VDN_ID are not set. */
export function pullOptionsFromSettings(): PullOptions | null {
  const target = pullTarget();
  if (target === null) return null;
  const s = settings();
  globalForPull.__previewDeskPullOwner ??= `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  return {
    client: getIsalesClient(),
    owner: globalForPull.__previewDeskPullOwner,
    ...target,
    minIntervalMs: s.PULL_MIN_INTERVAL_MS,
    backoffFirstMs: s.PULL_BACKOFF_FIRST_MS,
    backoffMaxMs: s.PULL_BACKOFF_MAX_MS,
    emptyWaitMs: s.PULL_EMPTY_WAIT_MS,
  };
}

/** Start this process's puller once (server start-up); does nothing without a call centre set. */
export async function ensurePullerStarted(): Promise<Puller | null> {
  if (globalForPull.__previewDeskPuller) return globalForPull.__previewDeskPuller;
  const options = pullOptionsFromSettings();
  if (options === null) {
    log().info("pull from iSales off: set ISALES_SUB_CC_NO and ISALES_VDN_ID to turn it on");
    return null;
  }
  const db = await getDb();
  globalForPull.__previewDeskPuller ??= startPuller({
    ...options,
    db,
    pollMs: settings().PULL_POLL_MS,
    onReport: (reports) => {
      for (const r of reports) {
        if (r.result === "failed") log().warn({ serviceId: r.serviceId, error: r.error }, "pull failed");
        else log().info({ serviceId: r.serviceId, stored: r.stored, rejected: r.rejected }, "pull");
      }
    },
    onError: (error) =>
      log().error({ error: error instanceof Error ? error.message : "unknown" }, "pull round failed"),
  });
  log().info({ owner: options.owner }, "iSales puller started");
  return globalForPull.__previewDeskPuller;
}

/** Ask this process's puller to look for work now (after a task was chosen). */
export function wakePuller(): void {
  globalForPull.__previewDeskPuller?.wake();
}
