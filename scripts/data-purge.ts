import { parseArgs } from "node:util";
import { DatabaseInUseError, openDatabase } from "@/lib/db";
import { type PurgeReport, purgePersonalData } from "@/lib/retention/purge";
import { retentionSettings, SettingsError } from "@/lib/settings";

/**
 * `npm run data:purge -- [--dry-run] [--days N]`: erase the phone numbers and call data of
 * calls whose final write-back was accepted more than RETENTION_DAYS days ago (--days
 * overrides it for this run), and what else holds them (lib/retention/purge.ts). --dry-run
 * says what it would erase and changes nothing. With the embedded database, stop the
 * server first (the database admits one process). Exit codes: 0 done (or retention off),
 * 1 failed, 2 wrong usage.
 */

class UsageError extends Error {}

const usage = "Usage: npm run data:purge -- [--dry-run] [--days N]";

function parseCommand(argv: string[]): { dryRun: boolean; days: number | undefined } {
  let values: { "dry-run"?: boolean; days?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        "dry-run": { type: "boolean" },
        days: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) throw new UsageError("");
  const days = values.days === undefined ? undefined : Number(values.days);
  if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 36_500)) {
    throw new UsageError("--days must be a whole number from 1 to 36500");
  }
  return { dryRun: values["dry-run"] === true, days };
}

function summary(report: PurgeReport): string {
  const c = report.counts;
  const verb = report.dryRun ? "would erase" : "erased";
  return [
    `data:purge: ${verb} the personal data of ${c.calls} call(s) whose final write-back was accepted before ${report.cutoff.toISOString()} (${report.retentionDays} days):`,
    `  phone numbers: ${c.phoneNumbers}`,
    `  call data: ${c.callData}`,
    `  drafts: ${c.drafts}`,
    `  write-back request bodies: ${c.writeBackBodies}`,
    `  attempt answers: ${c.attemptAnswers}`,
    `  outcome versions: ${c.versions}`,
    `  bulk re-send samples: ${c.bulkSamples}`,
    `  import previews: ${c.importPreviews}`,
    `  rejected pulled records: ${c.pulledRecords}`,
    report.dryRun ? "Nothing was changed (--dry-run)." : "Each erasure is recorded in the erasures table.",
  ].join("\n");
}

async function main(): Promise<number> {
  let command: ReturnType<typeof parseCommand>;
  try {
    command = parseCommand(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) console.error(`data:purge: ${error.message}`);
    console.error(usage);
    return 2;
  }
  let opened: Awaited<ReturnType<typeof openDatabase>>;
  let days: number;
  try {
    const s = retentionSettings();
    days = command.days ?? s.RETENTION_DAYS;
    if (days === 0) {
      console.log("data:purge: retention is off (RETENTION_DAYS is 0 or unset): nothing erased.");
      return 0;
    }
    opened = await openDatabase({ dataDir: s.DATA_DIR, databaseUrl: s.DATABASE_URL });
  } catch (error) {
    if (error instanceof DatabaseInUseError || error instanceof SettingsError) {
      console.error(`data:purge: ${error.message}`);
      return 1;
    }
    throw error;
  }
  try {
    console.log(summary(await purgePersonalData(opened.db, { retentionDays: days, dryRun: command.dryRun })));
    return 0;
  } finally {
    await opened.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`data:purge: failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
