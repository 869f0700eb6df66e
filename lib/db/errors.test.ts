import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createPostgresDatabase,
  type TestDatabase,
  testBackends,
  testDatabaseUrl,
} from "@/test/support/databases";
import { startRelay } from "@/test/support/db-relay";
import { DatabaseQueryError, DatabaseUnavailableError, isDatabaseUnavailable, maskValues } from "./errors";
import { openDatabase } from "./index";
import { calls } from "./schema";

const PHONE = "13912345678";
const CUSTOMER = "Customer Zhang Wei";

describe("maskValues", () => {
  it("hides quoted literals and long digit runs, keeps the words", () => {
    expect(maskValues(`invalid input syntax for type bigint: "${PHONE}"`)).toBe(
      'invalid input syntax for type bigint: "…"',
    );
    expect(maskValues(`call ${PHONE} and '${CUSTOMER}'`)).toBe("call … and '…'");
    expect(maskValues('duplicate key value violates unique constraint "calls_identity_uq"')).toContain(
      '"calls_identity_uq"',
    );
  });
});

describe("isDatabaseUnavailable", () => {
  it("knows connection, shutdown and disk-full codes, anywhere in the cause chain", () => {
    expect(isDatabaseUnavailable({ code: "ECONNREFUSED" })).toBe(true);
    expect(isDatabaseUnavailable({ message: "x", cause: { code: "57P01" } })).toBe(true);
    expect(isDatabaseUnavailable({ code: "53100" })).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable({ code: "23505" })).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
  });
});

for (const backend of testBackends()) {
  describe(`a failed query on ${backend.kind}`, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await backend.open();
    });
    afterAll(async () => {
      await db?.destroy();
    });

    it("throws without its parameters or the row's detail", async () => {
      const row = {
        subCcNo: 1,
        vdnId: 1,
        fetchTime: new Date(),
        serviceId: "svc",
        uniqueId: "dup-1",
        phoneNumbers: [PHONE],
        callData: CUSTOMER,
      };
      await db.db.insert(calls).values(row);
      const error = await db.db
        .insert(calls)
        .values(row)
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(DatabaseQueryError);
      const e = error as DatabaseQueryError;
      expect(e.code).toBe("23505");
      const everything = JSON.stringify({
        message: e.message,
        stack: e.stack,
        own: { ...e },
        cause: e.cause,
      });
      expect(everything).not.toContain(PHONE);
      expect(everything).not.toContain(CUSTOMER);
      expect(everything).toContain("insert into");
    });

    it("a value refused by PostgreSQL is not echoed either", async () => {
      const error = await db.db.execute(sql`select ${PHONE}::int as x`).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DatabaseQueryError);
      expect(String((error as Error).message)).not.toContain(PHONE);
    });
  });
}

const pgUrl = testDatabaseUrl();
describe.skipIf(!pgUrl)("PostgreSQL going away and coming back", () => {
  it("unreachable: queries and transactions are DatabaseUnavailableError; back: they work again", async () => {
    const created = await createPostgresDatabase(pgUrl ?? "");
    const target = new URL(created.databaseUrl);
    const relay = await startRelay(target.hostname, Number(target.port));
    const viaRelay = new URL(created.databaseUrl);
    viaRelay.port = String(relay.port);
    const opened = await openDatabase({ databaseUrl: viaRelay.toString() });
    try {
      await opened.db.execute(sql`select 1`);
      await relay.cut();
      const failures = await Promise.all([
        opened.db.execute(sql`select 1`).then(
          () => null,
          (e: unknown) => e,
        ),
        opened.db
          .transaction((tx) => tx.execute(sql`select 1`))
          .then(
            () => null,
            (e: unknown) => e,
          ),
      ]);
      for (const error of failures) {
        expect(error).toBeInstanceOf(DatabaseUnavailableError);
        expect((error as DatabaseUnavailableError).digest).toBe("DATABASE_UNAVAILABLE");
      }
      await relay.restore();
      await expect(opened.db.execute(sql`select 1 as one`)).resolves.toBeDefined();
    } finally {
      await opened.close();
      await relay.close();
      await created.drop();
    }
  });
});
