import "server-only";
import { catalogue } from "./catalogue";
import { ensureSenderStarted } from "./delivery/process";
import { ensureImportWorkerStarted } from "./import-jobs/process";
import { ensurePullerStarted } from "./pull/process";
import { SettingsError, settings } from "./settings";

/** What the server does once at start: check settings and catalogues, open the database. */
export async function startServer(): Promise<void> {
  try {
    settings();
    catalogue();
  } catch (error) {
    // Settings errors name the setting and never echo its value: safe to print.
    console.error(error instanceof SettingsError || error instanceof Error ? error.message : error);
    process.exit(1);
  }
  // The write-back sender, once per server process (opens the database).
  await ensureSenderStarted();
  await ensurePullerStarted();
  await ensureImportWorkerStarted();
}
