import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCalls } from "@/lib/calls/queries";
import { openDatabase } from "@/lib/db";
import { calls } from "@/lib/db/schema";
import { createPostgresDatabase, testDatabaseUrl } from "@/test/support/databases";
import { runImportCommand } from "@/test/support/run-command";

const goodCsv = [
  "subCCNo,vdnId,serviceId,uniqueId,phoneNumber,callData,fetchTime",
  "1,88,TASK,CLI-1,13800000001;13800000002,one,2024-05-01 14:30:00",
  "1,88,TASK,CLI-2,13800000003,two,",
].join("\n");
const badCsv = `${goodCsv}\n1,88,TASK,CLI-3,13800000004x,three,\n1,,TASK,CLI-4,13800000005,four,`;

let dir: string;
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "preview-desk-cli-"));
  await writeFile(file("good.csv"), goodCsv);
  await writeFile(file("bad.csv"), badCsv);
  await writeFile(
    file("calls.txt"),
    JSON.stringify([
      { subCCNo: 1, vdnId: 88, serviceId: "TASK", uniqueId: "CLI-J", phoneNumber: "1", callData: {} },
    ]),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("npm run calls:import (embedded database)", () => {
  it("stops on bad rows with exit 1, prints each as `line N, field F`, and opens no database", async () => {
    const dataDir = file("data-bad");
    const run = await runImportCommand([file("bad.csv")], { DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("line 4, field phoneNumber: the number must be 1 to 24 characters");
    expect(run.stderr).toContain("line 5, field vdnId: is missing");
    expect(run.stderr).toContain("nothing was imported");
    expect(run.stderr).not.toContain("13800000004");
    expect(existsSync(dataDir)).toBe(false);
  }, 60_000);

  it("imports, then updates on a second run, then takes only the good rows with --skip-bad", async () => {
    const dataDir = file("data");
    const first = await runImportCommand([file("good.csv"), "--time-zone", "Asia/Shanghai"], {
      DATA_DIR: dataDir,
    });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("2 new, 0 updated");
    const fetchTimeOfCli1 = async () => {
      const opened = await openDatabase({ dataDir });
      try {
        return (await listCalls(opened.db, { q: "CLI-1" })).rows[0]?.fetchTime;
      } finally {
        await opened.close();
      }
    };
    // 14:30 in Shanghai.
    expect(await fetchTimeOfCli1()).toEqual(new Date("2024-05-01T06:30:00Z"));

    const second = await runImportCommand([file("bad.csv"), "--skip-bad"], { DATA_DIR: dataDir });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("0 new, 2 updated, 2 bad row(s) left out");
    // Read again, now in the default zone (UTC): the call was updated, not duplicated.
    expect(await fetchTimeOfCli1()).toEqual(new Date("2024-05-01T14:30:00Z"));

    const json = await runImportCommand([file("calls.txt"), "--format=json"], { DATA_DIR: dataDir });
    expect(json.code).toBe(0);
    const opened = await openDatabase({ dataDir });
    try {
      const list = await listCalls(opened.db, { q: "CLI" });
      expect(list.rows.map((row) => row.uniqueId).sort()).toEqual(["CLI-1", "CLI-2", "CLI-J"]);
    } finally {
      await opened.close();
    }
  }, 150_000);

  it("reads GB18030 (Excel in Chinese) by detection or by --encoding, says so, and refuses a file that is neither with its line", async () => {
    // "王芳" (Wang Fang) in GBK, as Excel in a Chinese locale saves it.
    const gbkCsv = new Uint8Array([
      ...Buffer.from("subCCNo,vdnId,serviceId,uniqueId,phoneNumber,callData\n1,88,TASK,CLI-GB,13800000009,"),
      0xcd,
      0xf5,
      0xb7,
      0xbc,
      0x0a,
    ]);
    await writeFile(file("gbk.csv"), gbkCsv);
    const dataDir = file("data-gbk");
    const detected = await runImportCommand([file("gbk.csv")], { DATA_DIR: dataDir });
    expect(detected.code).toBe(0);
    expect(detected.stdout).toContain("as GB18030 (GBK), detected");
    const chosen = await runImportCommand([file("gbk.csv"), "--encoding", "gbk"], { DATA_DIR: dataDir });
    expect(chosen.stdout).toContain("as GB18030 (GBK), chosen");
    const opened = await openDatabase({ dataDir });
    try {
      const [row] = await opened.db.select().from(calls).where(eq(calls.uniqueId, "CLI-GB"));
      expect(row?.callData).toBe("王芳");
    } finally {
      await opened.close();
    }
    const asUtf8 = await runImportCommand([file("gbk.csv"), "--encoding", "utf-8"], { DATA_DIR: dataDir });
    expect(asUtf8.code).toBe(1);
    expect(asUtf8.stderr).toContain("line 2:");
    expect(asUtf8.stderr).toContain("is not UTF-8");
    await writeFile(file("neither.csv"), new Uint8Array([...Buffer.from("a,b\nc,"), 0xff, 0x0a]));
    const neither = await runImportCommand([file("neither.csv")], { DATA_DIR: file("data-neither") });
    expect(neither.code).toBe(1);
    expect(neither.stderr).toContain("line 2:");
    expect(neither.stderr).toContain("neither UTF-8 nor GB18030");
    expect(existsSync(file("data-neither"))).toBe(false);
  }, 150_000);

  it("answers usage errors with exit 2", async () => {
    const none = await runImportCommand([], { DATA_DIR: file("data-usage") });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Usage: npm run calls:import");
    expect((await runImportCommand([file("calls.txt")], {})).code).toBe(2);
    expect((await runImportCommand([file("good.csv"), "--format", "xml"], {})).code).toBe(2);
    expect((await runImportCommand([file("good.csv"), "--time-zone", "Mars/Base"], {})).code).toBe(2);
    expect((await runImportCommand([file("good.csv"), "--encoding", "latin1"], {})).code).toBe(2);
    const missing = await runImportCommand([file("nope.csv")], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no such file");
  }, 120_000);
});

const serverUrl = testDatabaseUrl();
describe.runIf(serverUrl !== undefined)("npm run calls:import (PostgreSQL)", () => {
  it("imports into DATABASE_URL", async () => {
    const created = await createPostgresDatabase(serverUrl ?? "");
    try {
      const run = await runImportCommand([file("good.csv")], { DATABASE_URL: created.databaseUrl });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("into PostgreSQL: 2 new");
      const opened = await openDatabase({ databaseUrl: created.databaseUrl });
      try {
        expect((await listCalls(opened.db, { serviceId: "TASK" })).total).toBe(2);
      } finally {
        await opened.close();
      }
    } finally {
      await created.drop();
    }
  }, 90_000);
});
