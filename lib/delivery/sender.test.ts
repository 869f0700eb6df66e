import { inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db";
import { writeBackAttempts, writeBacks } from "@/lib/db/schema";
import { type TestDatabase, testBackends } from "@/test/support/databases";
import {
  clientFor,
  insertCall,
  insertWriteBack,
  quietSettings,
  receivedTags,
  simToken,
  tinyPolicy,
  waitFor,
  writeBackRow,
} from "@/test/support/delivery";
import { startSimulator } from "@/tools/isales-sim/server";
import type { Simulator } from "@/tools/isales-sim/types";
import { createBreaker } from "./breaker";
import { type Sender, startSender } from "./sender";

quietSettings();

const countBy = (tags: string[]) => {
  const counts = new Map<string, number>();
  for (const t of tags) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
};

describe.each(testBackends())("sender on $kind", (backend) => {
  let database: TestDatabase;
  let sim: Simulator;
  const senders: Sender[] = [];

  beforeAll(async () => {
    database = await backend.open();
    sim = await startSimulator({ fixedTokens: [simToken] });
  });
  afterAll(async () => {
    await sim?.close();
    await database?.destroy();
  });
  afterEach(async () => {
    await Promise.all(senders.splice(0).map((s) => s.stop()));
    sim.setFaults({});
    sim.reset();
  });

  const start = (db: TestDatabase["db"], owner: string, breakerFailures = 1000) => {
    const sender = startSender({
      db,
      // The simulator shares this process with PGlite, whose queries hold the event loop; a
      // short client timeout would then expire on answers already sent, and the retry would
      // count as a duplicate that no real deployment (iSales in another process) would see.
      client: clientFor(sim, { timeoutMs: 30_000 }),
      owner,
      policy: { ...tinyPolicy, maxAttempts: 50 },
      breaker: createBreaker({ failures: breakerFailures, halfOpenAfterMs: 200 }),
      pollMs: 20,
      concurrency: 4,
    });
    senders.push(sender);
    return sender;
  };

  const states = async (db: TestDatabase["db"], ids: number[]) =>
    db
      .select({ id: writeBacks.id, state: writeBacks.state })
      .from(writeBacks)
      .where(inArray(writeBacks.id, ids));

  it("drains a queue through mixed transient failures: every write-back accepted", async () => {
    const { db } = database;
    sim.setFaults({ errorRate: 0.2, errorKind: "http503", dropRate: 0.1 });
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) ids.push(await insertWriteBack(db, await insertCall(db), `mix-${i}`));
    start(db, "mixed");
    await waitFor("all accepted", async () => (await states(db, ids)).every((r) => r.state === "accepted"));
    const counts = countBy(receivedTags(sim));
    for (let i = 0; i < 40; i++) expect(counts.get(`mix-${i}`) ?? 0).toBeGreaterThanOrEqual(1);
    // Some were retried: the faults did happen.
    expect(receivedTags(sim).length).toBeGreaterThan(40);
  });

  it("two queued write-backs for one call: only the newer is sent, the older superseded", async () => {
    const { db } = database;
    const call = await insertCall(db);
    const older = await insertWriteBack(db, call, "pair-old");
    const newer = await insertWriteBack(db, call, "pair-new");
    start(db, "pair");
    await waitFor("newer accepted", async () => (await writeBackRow(db, newer)).state === "accepted");
    expect(await writeBackRow(db, older)).toMatchObject({ state: "superseded", supersededBy: newer });
    expect(receivedTags(sim)).toEqual(["pair-new"]);
  });

  it("two senders on one queue of 200: every write-back sent exactly once", async () => {
    const { db } = database;
    // A second connection pool on PostgreSQL, as a second server process would have.
    const second =
      "databaseUrl" in database.location
        ? await openDatabase({ databaseUrl: database.location.databaseUrl })
        : null;
    try {
      sim.setFaults({ latencyMs: 3 });
      const ids: number[] = [];
      const olderIds: number[] = [];
      for (let i = 0; i < 180; i++) {
        const call = await insertCall(db);
        // Every ninth call carries two write-backs submitted one after the other.
        if (i % 9 === 0) olderIds.push(await insertWriteBack(db, call, `old-${i}`));
        ids.push(await insertWriteBack(db, call, `two-${i}`));
      }
      expect(ids.length + olderIds.length).toBe(200);
      const a = start(db, "sender-a");
      const b = start(second?.db ?? db, "sender-b");
      a.wake();
      b.wake();
      await waitFor(
        "all accepted",
        async () => (await states(db, ids)).every((r) => r.state === "accepted"),
        110_000,
      );
      const counts = countBy(receivedTags(sim));
      const twice = [...counts].filter(([, n]) => n > 1);
      expect(twice).toEqual([]);
      expect(counts.size).toBe(180);
      expect([...counts.keys()].some((t) => t.startsWith("old-"))).toBe(false);
      expect((await states(db, olderIds)).every((r) => r.state === "superseded")).toBe(true);
      // Both senders took part.
      const by = await db
        .selectDistinct({ sender: writeBackAttempts.sender })
        .from(writeBackAttempts)
        .where(inArray(writeBackAttempts.writeBackId, ids));
      expect(by.map((r) => r.sender).sort()).toEqual(["sender-a", "sender-b"]);
    } finally {
      await Promise.all(senders.splice(0).map((s) => s.stop()));
      await second?.close();
    }
  }, 120_000);

  it("the breaker stops the sender hammering iSales; write-backs wait queued and go when it answers", async () => {
    const { db } = database;
    sim.setFaults({ errorRate: 1, errorKind: "http503" });
    const ids: number[] = [];
    for (let i = 0; i < 10; i++) ids.push(await insertWriteBack(db, await insertCall(db), `brk-${i}`));
    const sender = start(db, "breaking", 3);
    await waitFor("breaker open", async () => sender.breakerState() === "open");
    await waitFor("sends in flight answered", async () =>
      (await states(db, ids)).every((r) => r.state !== "sending"),
    );
    // While open, only half-open probes reach iSales: one at a time, one per 200 ms.
    const atOpen = receivedTags(sim).length;
    await new Promise((r) => setTimeout(r, 500));
    const probes = receivedTags(sim).length - atOpen;
    expect(probes).toBeLessThanOrEqual(3);
    expect((await states(db, ids)).every((r) => r.state !== "attention")).toBe(true);
    sim.setFaults({});
    await waitFor("all accepted", async () => (await states(db, ids)).every((r) => r.state === "accepted"));
    expect(sender.breakerState()).toBe("closed");
  });
});
