import "server-only";
import path from "node:path";
import { catalogue } from "./catalogue";
import { getDb } from "./db";
import { databaseOpenFailure } from "./db/open-error";
import { ensureSenderStarted } from "./delivery/process";
import { installClientAddressStamp } from "./http/client-address";
import { ensureImportWorkerStarted } from "./import-jobs/process";
import { ensurePullerStarted } from "./pull/process";
import { ensureRetentionStarted } from "./retention/process";
import { databaseSettings, SettingsError, settings, webSettings } from "./settings";

/**
 * What the server does once at start: check settings and catalogues, open the database,
 * start the background work. Anything that fails here stops the process with one line and
 * a non-zero code: a server that keeps its port open but answers every page with 500 would
 * look alive to a load balancer and to the person who started it.
 */
export async function startServer(): Promise<void> {
  try {
    settings();
    catalogue();
    installClientAddressStamp(webSettings().TRUSTED_PROXIES);
  } catch (error) {
    // Settings errors name the setting and never echo its value: safe to print.
    console.error(error instanceof SettingsError || error instanceof Error ? error.message : error);
    process.exit(1);
  }
  const s = databaseSettings();
  try {
    await getDb();
  } catch (error) {
    console.error(
      databaseOpenFailure(
        error,
        s.DATABASE_URL ? { databaseUrl: s.DATABASE_URL } : { dataDir: path.resolve(s.DATA_DIR) },
      ),
    );
    process.exit(1);
  }
  // The write-back sender, once per server process.
  await ensureSenderStarted();
  await ensurePullerStarted();
  await ensureImportWorkerStarted();
  ensureRetentionStarted();
}
