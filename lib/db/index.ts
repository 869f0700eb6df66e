import "server-only";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import lockfile from "proper-lockfile";
import { databaseSettings } from "../settings";
import { makeQueryErrorsSafe, safeDatabaseError } from "./errors";
import * as schema from "./schema";

// Failed queries never carry their parameters (phone numbers) into an error or a log.
makeQueryErrorsSafe();

/** The database as the rest of the code sees it: the same for PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type OpenedDatabase = {
  db: Db;
  close(): Promise<void>;
  kind: "pglite" | "postgres";
};

export type OpenDatabaseOptions = {
  /** Folder of the embedded database; ignored when databaseUrl is set. Default `.data`. */
  dataDir?: string;
  /** postgres://… : use PostgreSQL instead of the embedded database. */
  databaseUrl?: string;
  /**
   * How long to wait for the embedded folder's lock. 0 (the default) refuses at once; the
   * server waits a little so that the lock of a process that crashed goes stale and is taken.
   */
  lockWaitMs?: number;
  /**
   * Called with every SQL statement this handle sends, BEGIN and COMMIT included (PGlite
   * runs those itself: they are reported as "begin" and "commit"/"rollback"). For tests
   * and benches that count what a path costs; nothing is logged.
   */
  onStatement?: (sql: string) => void;
};

/** Another process holds the embedded database. Its message is meant for a person. */
export class DatabaseInUseError extends Error {
  override name = "DatabaseInUseError";
  constructor(readonly dataDir: string) {
    super(
      `The embedded database in ${dataDir} is in use by another Preview Desk process (the server?). ` +
        "Stop it first, or use DATABASE_URL to run on PostgreSQL, which many processes can share.",
    );
  }
}

/** The lock's mtime is refreshed every UPDATE_MS; one older than STALE_MS is a dead process's. */
const LOCK_STALE_MS = 10_000;
const LOCK_UPDATE_MS = 2_000;
/** Any fixed 64-bit key: it only has to be the same in every Preview Desk process. */
const MIGRATION_LOCK_KEY = 7_311_460_270_412_345n;

function migrationsFolder(): string {
  // Scripts and `next start` both run from the repo root; import.meta.url is not usable
  // here because Next bundles server modules into .next/.
  return path.resolve(process.cwd(), "drizzle");
}

function hasCode(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === code;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function lockDataDir(dataDir: string, lockWaitMs: number): Promise<() => Promise<void>> {
  const lockfilePath = path.join(dataDir, ".lock");
  const deadline = Date.now() + lockWaitMs;
  const take = () =>
    lockfile.lock(dataDir, {
      lockfilePath,
      stale: LOCK_STALE_MS,
      update: LOCK_UPDATE_MS,
      onCompromised,
    });
  // proper-lockfile calls this when it could not refresh the lock in time (the event loop
  // was blocked for longer than `stale`) or found it taken. If nobody else holds it we take
  // it again and go on; if another process does, two writers on one folder would corrupt
  // it, so this process stops.
  const onCompromised = (error: Error) => {
    take().then(
      (newRelease) => {
        release = newRelease;
        console.error(`Preview Desk: the lock on ${dataDir} lapsed (${error.message}) and was taken again.`);
      },
      () => {
        console.error(
          `Preview Desk: another process took the embedded database in ${dataDir}; stopping to protect it.`,
        );
        process.exit(70);
      },
    );
  };
  let release: () => Promise<void>;
  for (;;) {
    try {
      release = await take();
      return () => release();
    } catch (error) {
      if (!hasCode(error, "ELOCKED")) throw error;
      if (Date.now() >= deadline) throw new DatabaseInUseError(dataDir);
      await sleep(Math.min(500, Math.max(1, deadline - Date.now())));
    }
  }
}

/**
 * PostgreSQL settings of the embedded database, added to PGlite's own start parameters.
 * PGlite runs PostgreSQL inside a WebAssembly memory that grows and never shrinks, so
 * every buffer PostgreSQL fills stays in the server's resident memory for good. Its
 * defaults are a server's: 128 MB of shared buffers, which a day's writing fills (the
 * server measured 386 MB idle with them). The data files are ordinary files that the
 * operating system caches anyway, so a smaller pool costs a copy on a miss, not a disk
 * read. Figures: docs/benchmarks.md, "Issue 12, memory, CSV and API (session 6)".
 */
export const PGLITE_SETTINGS: Readonly<Record<string, string>> = {
  shared_buffers: "16MB",
  // 1/32 of shared_buffers by default: stated so that a change above does not move it.
  wal_buffers: "1MB",
  // VACUUM and index builds (migrations): allocated when used, kept afterwards.
  maintenance_work_mem: "16MB",
  // Per sort or hash; PGlite has one connection, so one at a time.
  work_mem: "4MB",
  temp_buffers: "2MB",
};

const pgliteStartParams = (): string[] => [
  ...PGlite.defaultStartParams,
  ...Object.entries(PGLITE_SETTINGS).flatMap(([name, value]) => ["-c", `${name}=${value}`]),
];

/** drizzle's logger, used only to observe statements (never to print them: they hold phone numbers). */
const observer = (onStatement: ((sql: string) => void) | undefined) =>
  onStatement ? { logger: { logQuery: (query: string) => onStatement(query) } } : {};

/** PGlite opens and ends its transactions itself, out of drizzle's sight: report them too. */
function observeTransactions(client: PGlite, onStatement: (sql: string) => void): void {
  const transaction = client.transaction.bind(client);
  client.transaction = (async (callback: Parameters<PGlite["transaction"]>[0]) => {
    onStatement("begin");
    try {
      const result = await transaction(callback);
      onStatement("commit");
      return result;
    } catch (error) {
      onStatement("rollback");
      throw error;
    }
  }) as PGlite["transaction"];
}

async function openPglite(
  dataDir: string,
  lockWaitMs: number,
  onStatement?: (sql: string) => void,
): Promise<OpenedDatabase> {
  // PGlite does not create parent folders, and the lock needs the folder to exist.
  await mkdir(dataDir, { recursive: true });
  const unlock = await lockDataDir(dataDir, lockWaitMs);
  let client: PGlite | undefined;
  try {
    client = await PGlite.create(dataDir, { startParams: pgliteStartParams() });
    if (onStatement) observeTransactions(client, onStatement);
    const db = drizzlePglite({ client, schema, ...observer(onStatement) });
    await migratePglite(db, { migrationsFolder: migrationsFolder() });
    const opened = client;
    let closed = false;
    return {
      db,
      kind: "pglite",
      async close() {
        if (closed) return;
        closed = true;
        try {
          await opened.close();
        } finally {
          await unlock().catch(() => undefined);
        }
      },
    };
  } catch (error) {
    await client?.close().catch(() => undefined);
    await unlock().catch(() => undefined);
    throw error;
  }
}

async function openPostgres(
  databaseUrl: string,
  onStatement?: (sql: string) => void,
): Promise<OpenedDatabase> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // An idle client that loses its connection emits on the pool; unhandled, that ends the
  // process. The next query gets a fresh connection instead.
  pool.on("error", (error) => {
    console.error(`Preview Desk: a PostgreSQL connection failed: ${error.message}`);
  });
  try {
    const client = await pool.connect();
    try {
      // Several instances may start at once: one migrates, the others wait and then find
      // nothing left to do.
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY.toString()]);
      try {
        await migratePg(drizzlePg({ client, schema }), { migrationsFolder: migrationsFolder() });
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY.toString()]);
      }
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  // A transaction takes a connection first, outside the query path that makeQueryErrorsSafe
  // covers: a refused connection must still become DatabaseUnavailableError.
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  const safeConnect = async () => {
    try {
      return await connect();
    } catch (error) {
      throw safeDatabaseError(error);
    }
  };
  pool.connect = ((callback?: unknown) =>
    typeof callback === "function"
      ? (pool.constructor as typeof pg.Pool).prototype.connect.call(pool, callback as never)
      : safeConnect()) as typeof pool.connect;
  const db = drizzlePg({ client: pool, schema, ...observer(onStatement) });
  let closed = false;
  return {
    db,
    kind: "postgres",
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/**
 * Open (and migrate) the database without global settings: for tests and scripts. Throws
 * DatabaseInUseError when another process holds the embedded folder.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.onStatement);
  // turbopackIgnore: a data folder, not code: without it the build traces the whole project.
  return openPglite(
    path.resolve(/*turbopackIgnore: true*/ options.dataDir ?? ".data"),
    options.lockWaitMs ?? 0,
    options.onStatement,
  );
}

const globalForDb = globalThis as unknown as { __previewDeskDb?: Promise<OpenedDatabase> };

/**
 * The process's database, opened on first use. Kept on globalThis because `next start`
 * evaluates server modules more than once, and PGlite must be opened only once.
 */
export function getDb(): Promise<Db> {
  if (globalForDb.__previewDeskDb === undefined) {
    const s = databaseSettings();
    const opening = openDatabase({
      dataDir: s.DATA_DIR,
      databaseUrl: s.DATABASE_URL,
      // A little longer than the stale time, so a crashed server's lock is taken over.
      lockWaitMs: LOCK_STALE_MS + 3_000,
    });
    globalForDb.__previewDeskDb = opening;
    // A failed open is not kept: the next call tries again.
    opening.catch(() => {
      if (globalForDb.__previewDeskDb === opening) globalForDb.__previewDeskDb = undefined;
    });
  }
  return globalForDb.__previewDeskDb.then((opened) => opened.db);
}

/** Close the process's database (if open) and release the embedded folder's lock. */
export async function closeDb(): Promise<void> {
  const opening = globalForDb.__previewDeskDb;
  globalForDb.__previewDeskDb = undefined;
  if (opening === undefined) return;
  const opened = await opening.catch(() => undefined);
  await opened?.close();
}
