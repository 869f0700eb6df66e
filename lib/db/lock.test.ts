import { existsSync } from "node:fs";
import { mkdir, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertCalls } from "@/lib/calls/queries";
import { tempDataDir } from "@/test/support/databases";
import { runImportCommand as runImport } from "@/test/support/run-command";
import { DatabaseInUseError, openDatabase } from "./index";
import { calls } from "./schema";

describe("the embedded database's folder lock", () => {
  let dataDir: string;
  let file: string;
  beforeAll(async () => {
    dataDir = await tempDataDir();
    file = path.join(dataDir, "..", `${path.basename(dataDir)}-calls.csv`);
    await writeFile(file, "subCCNo,vdnId,serviceId,uniqueId,phoneNumber,callData\n1,88,S,FROM-CHILD,111,x\n");
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(file, { force: true });
  });

  it("refuses a second process with a clear message and leaves the data alone", async () => {
    const held = await openDatabase({ dataDir });
    try {
      await upsertCalls(held.db, [
        {
          subCcNo: 1,
          vdnId: 88,
          serviceId: "S",
          uniqueId: "HELD",
          phoneNumbers: ["222"],
          fetchTime: new Date(),
        },
      ]);
      const child = await runImport([file], { DATA_DIR: dataDir });
      expect(child.code).not.toBe(0);
      expect(child.stderr).toContain(
        `The embedded database in ${dataDir} is in use by another Preview Desk process (the server?). Stop it first`,
      );
      expect(child.stdout).not.toContain("Imported");
      // Still ours, still only our row.
      expect(existsSync(path.join(dataDir, ".lock"))).toBe(true);
      const rows = await held.db.select({ uniqueId: calls.uniqueId }).from(calls);
      expect(rows).toEqual([{ uniqueId: "HELD" }]);
    } finally {
      await held.close();
    }
    expect(existsSync(path.join(dataDir, ".lock"))).toBe(false);

    // Released on close: now the command may open it.
    const after = await runImport([file], { DATA_DIR: dataDir });
    expect(after.stderr).toBe("");
    expect(after.code).toBe(0);
    const reopened = await openDatabase({ dataDir });
    try {
      const rows = await reopened.db.select({ uniqueId: calls.uniqueId }).from(calls).orderBy(calls.uniqueId);
      expect(rows).toEqual([{ uniqueId: "FROM-CHILD" }, { uniqueId: "HELD" }]);
    } finally {
      await reopened.close();
    }
  }, 180_000);

  it("refuses a second opener in the same process too", async () => {
    const held = await openDatabase({ dataDir });
    try {
      await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(DatabaseInUseError);
    } finally {
      await held.close();
    }
  });

  it("takes over the lock of a process that died (stale lock)", async () => {
    const lock = path.join(dataDir, ".lock");
    await mkdir(lock);
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lock, longAgo, longAgo);
    const opened = await openDatabase({ dataDir });
    try {
      // Taken over: the lock is ours now, freshly stamped, and the database answers.
      const { mtimeMs } = await stat(lock);
      expect(mtimeMs).toBeGreaterThan(longAgo.getTime() + 30_000);
      expect(Array.isArray(await opened.db.select().from(calls).limit(1))).toBe(true);
    } finally {
      await opened.close();
    }
  });

  it("waits up to lockWaitMs for a lock to be released", async () => {
    const held = await openDatabase({ dataDir });
    const releasing = new Promise((resolve) => setTimeout(resolve, 300)).then(() => held.close());
    const second = await openDatabase({ dataDir, lockWaitMs: 10_000 });
    await releasing;
    await second.close();
    expect(existsSync(path.join(dataDir, ".lock"))).toBe(false);
  });
});
