import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { type OpenedDatabase, openDatabase } from "@/lib/db";

/**
 * Test support (not used by the product): fresh databases for each test file, on PGlite
 * and, when TEST_DATABASE_URL is set, on a throwaway PostgreSQL database created with a
 * random name and dropped afterwards. Under CI=true PostgreSQL is mandatory.
 */

export function testDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL?.trim() || undefined;
  if (url === undefined && process.env.CI === "true") {
    throw new Error(
      "TEST_DATABASE_URL is not set, and under CI=true the PostgreSQL tests must run: " +
        "set it to a server where the test user may CREATE DATABASE.",
    );
  }
  return url;
}

export type TestDatabase = OpenedDatabase & {
  /** The PGlite folder or the PostgreSQL URL of this database. */
  location: { dataDir: string } | { databaseUrl: string };
  /** Close and delete the database. */
  destroy(): Promise<void>;
};

/** An empty folder for an embedded database (deleted by the caller). */
export function tempDataDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), "preview-desk-db-"));
}

/** A new, empty PostgreSQL database on TEST_DATABASE_URL's server; returns its URL and a drop. */
export async function createPostgresDatabase(
  serverUrl: string,
): Promise<{ databaseUrl: string; drop(): Promise<void> }> {
  const name = `preview_desk_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export type TestBackend = {
  kind: "pglite" | "postgres";
  /** onStatement: see OpenDatabaseOptions (counting what a path sends). */
  open(options?: { onStatement?: (sql: string) => void }): Promise<TestDatabase>;
};

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (mandatory under CI). */
export function testBackends(): TestBackend[] {
  const backends: TestBackend[] = [
    {
      kind: "pglite",
      async open(options = {}) {
        const dataDir = await tempDataDir();
        const opened = await openDatabase({ dataDir, ...options });
        return {
          ...opened,
          location: { dataDir },
          async destroy() {
            await opened.close();
            await rm(dataDir, { recursive: true, force: true });
          },
        };
      },
    },
  ];
  const serverUrl = testDatabaseUrl();
  if (serverUrl !== undefined) {
    backends.push({
      kind: "postgres",
      async open(options = {}) {
        const created = await createPostgresDatabase(serverUrl);
        const opened = await openDatabase({ databaseUrl: created.databaseUrl, ...options });
        return {
          ...opened,
          location: { databaseUrl: created.databaseUrl },
          async destroy() {
            await opened.close();
            await created.drop();
          },
        };
      },
    });
  }
  return backends;
}
