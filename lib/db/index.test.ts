import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tempDataDir } from "@/test/support/databases";
import { closeDb, getDb } from "./index";
import { calls } from "./schema";

describe("getDb", () => {
  let root = "";
  afterAll(async () => {
    await closeDb();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("opens the database of DATA_DIR once per process, and closeDb releases it", async () => {
    root = await tempDataDir();
    // A folder that does not exist yet: it is created.
    const dataDir = path.join(root, "nested", "data");
    // Read by databaseSettings() on first use; each test file runs in its own process.
    process.env.DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    const [a, b] = await Promise.all([getDb(), getDb()]);
    expect(a).toBe(b);
    expect(await getDb()).toBe(a);
    expect(await a.select().from(calls)).toEqual([]);
    expect(existsSync(path.join(dataDir, ".lock"))).toBe(true);
    await closeDb();
    expect(existsSync(path.join(dataDir, ".lock"))).toBe(false);
    const reopened = await getDb();
    expect(reopened).not.toBe(a);
    expect(await reopened.select().from(calls)).toEqual([]);
  });
});
