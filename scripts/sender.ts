import "server-only";
import { closeDb, getDb } from "@/lib/db";
import { ensureSenderStarted, senderOwner, stopSender } from "@/lib/delivery/process";
import { log } from "@/lib/log";
import { SettingsError, settings } from "@/lib/settings";

/**
 * npm run sender: the write-back sender as its own process, for sites that run several
 * server instances on one PostgreSQL. Leases keep each write-back with one sender at a
 * time, so any number of these (and of servers, which run their own sender) can share
 * the queue. SIGINT/SIGTERM stop it after the sends in flight are recorded.
 *
 * Exit codes: 0 stopped; 2 settings error or no DATABASE_URL; 3 the database could not be
 * opened.
 */

async function main(): Promise<number> {
  let databaseUrl: string | undefined;
  try {
    databaseUrl = settings().DATABASE_URL;
  } catch (error) {
    console.error(error instanceof SettingsError ? error.message : String(error));
    return 2;
  }
  if (databaseUrl === undefined) {
    console.error(
      "npm run sender needs PostgreSQL: set DATABASE_URL. With the embedded database the server " +
        "already runs the sender inside its own process, and only one process may open the data folder.",
    );
    return 2;
  }
  try {
    await getDb();
  } catch (error) {
    // pg's messages name the host and the problem, not the password.
    console.error(
      `The database could not be opened: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 3;
  }
  await ensureSenderStarted();
  console.log(`write-back sender ${senderOwner()} running; stop with Ctrl-C`);
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      log().info({ signal }, "write-back sender stopping");
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await stopSender();
  await closeDb();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
