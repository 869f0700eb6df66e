import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { catalogue } from "@/lib/catalogue";
import { getDb } from "@/lib/db";
import { type ImportWorker, startImportWorker } from "./jobs";

const globalForImports = globalThis as unknown as { __previewDeskImportWorker?: ImportWorker };

/** Start this process's import worker once (server start-up). */
export async function ensureImportWorkerStarted(): Promise<ImportWorker> {
  if (!globalForImports.__previewDeskImportWorker) {
    const db = await getDb();
    globalForImports.__previewDeskImportWorker ??= startImportWorker({
      db,
      owner: `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`,
      pollMs: 2000,
      earliestYear: catalogue().rules.times.earliestYear,
    });
  }
  return globalForImports.__previewDeskImportWorker;
}

/** Look for a queued job now (after the supervisor started one). */
export async function wakeImportWorker(): Promise<void> {
  (await ensureImportWorkerStarted()).wake();
}
