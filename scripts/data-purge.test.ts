import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db";
import { calls, erasures, writeBacks } from "@/lib/db/schema";
import { type TestDatabase, testBackends } from "@/test/support/databases";
import { type CommandRun, runCommand } from "@/test/support/run-command";

/** `npm run data:purge` as an operator runs it: a child process, its settings, its words. */

function runPurge(location: TestDatabase["location"], args: string[], days?: string): Promise<CommandRun> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? "", NODE_ENV: "test", LOG_LEVEL: "silent" };
  if ("dataDir" in location) env.DATA_DIR = location.dataDir;
  else env.DATABASE_URL = location.databaseUrl;
  if (days !== undefined) env.RETENTION_DAYS = days;
  return runCommand("scripts/data-purge.ts", args, env);
}

describe.each(testBackends())("data:purge on $kind", (backend) => {
  let database: TestDatabase;
  let callId = 0;

  const read = async () => {
    const opened = await openDatabase(database.location);
    try {
      const [call] = await opened.db.select().from(calls).where(eq(calls.id, callId));
      const records = await opened.db.select().from(erasures);
      return { call, records };
    } finally {
      await opened.close();
    }
  };

  beforeAll(async () => {
    database = await backend.open();
    const [call] = await database.db
      .insert(calls)
      .values({
        subCcNo: 1,
        vdnId: 88,
        serviceId: "1251250797",
        uniqueId: `purge-cli-${randomUUID()}`,
        phoneNumbers: ["13812345678"],
        callData: "name=Li",
        fetchTime: new Date(Date.now() - 60 * 86_400_000),
        phoneNumber: "13812345678",
        status: "0",
        version: 1,
        writeBackState: "accepted",
      })
      .returning({ id: calls.id });
    callId = call?.id ?? 0;
    await database.db.insert(writeBacks).values({
      callId,
      submissionId: randomUUID(),
      requestBody: '{"subCCNo":1,"phoneNumber":"13812345678","status":"0"}',
      state: "accepted",
      finishedAt: new Date(Date.now() - 40 * 86_400_000),
    });
    // The embedded database admits one process: the command opens it itself.
    await database.close();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it("answers wrong usage with exit 2 and the usage line", async () => {
    const run = await runPurge(database.location, ["--days", "soon"], "30");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--days must be a whole number from 1 to 36500");
    expect(run.stderr).toContain("Usage: npm run data:purge -- [--dry-run] [--days N]");
  });

  it("does nothing while retention is off (the default)", async () => {
    const run = await runPurge(database.location, []);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("retention is off");
    expect((await read()).call?.phoneNumbers).toEqual(["13812345678"]);
  });

  it("--dry-run says what it would erase and changes nothing", async () => {
    const run = await runPurge(database.location, ["--dry-run"], "30");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("would erase the personal data of 1 call(s)");
    expect(run.stdout).toContain("phone numbers: 2");
    expect(run.stdout).toContain("write-back request bodies: 1");
    expect(run.stdout).toContain("Nothing was changed (--dry-run).");
    expect(run.stdout).not.toContain("13812345678");
    const { call, records } = await read();
    expect(call?.phoneNumbers).toEqual(["13812345678"]);
    expect(records).toEqual([]);
  });

  it("erases, records the erasure, and a second run finds nothing", async () => {
    const run = await runPurge(database.location, [], "30");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("erased the personal data of 1 call(s)");
    const { call, records } = await read();
    expect(call).toMatchObject({ phoneNumbers: [], callData: "", phoneNumber: null, status: "0" });
    expect(records.map((r) => [r.kind, r.subjectId, r.retentionDays])).toEqual([["call", callId, 30]]);
    const again = await runPurge(database.location, ["--days", "1"]);
    expect(again.stdout).toContain("erased the personal data of 0 call(s)");
  });
});
