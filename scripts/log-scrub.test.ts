import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "@/test/support/databases";
import { runImportCommand } from "@/test/support/run-command";

/**
 * Phone numbers and customer data never reach a log: the import command against a database
 * that refuses the insert (a trigger raises, as a full disk or a broken constraint would)
 * fails, and nothing it prints holds the numbers or the call data it was given. Before
 * lib/db/errors.ts, it printed Drizzle's "Failed query: … params: …" with every value.
 */
const PHONES = ["13912345670", "13912345671"];
const CUSTOMER = "Ms Wang Fang, VIP";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "preview-desk-scrub-"));
  await writeFile(
    path.join(dir, "calls.json"),
    JSON.stringify([
      {
        subCCNo: 1,
        vdnId: 88,
        serviceId: "TASK",
        uniqueId: "SCRUB-1",
        phoneNumber: PHONES.join(";"),
        callData: CUSTOMER,
      },
    ]),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each(testBackends())("calls:import on $kind, the insert refused", (backend) => {
  it("fails with a message that names the query and holds no phone number or call data", async () => {
    const database = await backend.open();
    try {
      await database.db.execute(sql`create function refuse_calls() returns trigger language plpgsql as $$
        begin raise exception 'refused by test trigger'; end $$`);
      await database.db.execute(
        sql`create trigger refuse_calls before insert on calls for each row execute function refuse_calls()`,
      );
      const env: Record<string, string> =
        "dataDir" in database.location
          ? { DATA_DIR: database.location.dataDir }
          : { DATABASE_URL: database.location.databaseUrl };
      // The embedded database admits one process: let the command open it.
      await database.close();
      const run = await runImportCommand([path.join(dir, "calls.json")], env);
      const printed = `${run.stdout}\n${run.stderr}`;
      expect(run.code).not.toBe(0);
      expect(printed).toContain("Failed query");
      expect(printed).toContain("refused by test trigger");
      for (const phone of PHONES) expect(printed).not.toContain(phone);
      expect(printed).not.toContain("Wang Fang");
    } finally {
      await database.destroy();
    }
  }, 90_000);
});
