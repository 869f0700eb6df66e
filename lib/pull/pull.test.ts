import { and, count, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db";
import { calls, pullRejects, pullTasks } from "@/lib/db/schema";
import { type TestDatabase, testBackends } from "@/test/support/databases";
import { clientFor, quietSettings, simToken } from "@/test/support/delivery";
import { startSimulator } from "@/tools/isales-sim/server";
import type { Simulator } from "@/tools/isales-sim/types";
import { backoffMs, fetchNow, type PullOptions, pullDue } from "./pull";
import { startPuller } from "./puller";
import { chooseTask, listPullRejects, listPullTasks } from "./tasks";

quietSettings();

const callnosCount = (sim: Simulator, serviceId?: string) =>
  sim
    .received()
    .filter(
      (r) =>
        r.interface === "callnos" &&
        (serviceId === undefined || String((r.body as { serviceId?: unknown }).serviceId) === serviceId),
    ).length;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testBackends())("pull from iSales on $kind", (backend) => {
  let database: TestDatabase;
  let sim: Simulator;
  let options: PullOptions;
  let taskIds: string[];

  beforeAll(async () => {
    database = await backend.open();
    sim = await startSimulator({
      fixedTokens: [simToken],
      taskCount: 3,
      callsPerTask: 40,
      callnosShape: "array",
    });
    taskIds = sim.tasks().map((t) => t.serviceId);
    options = {
      client: clientFor(sim),
      owner: "puller-a",
      subCCNo: sim.options.subCCNo,
      vdnId: sim.options.vdnId,
      minIntervalMs: 10,
      backoffFirstMs: 20,
      backoffMaxMs: 80,
      emptyWaitMs: 10,
    };
  });
  afterEach(() => sim.setFaults({}));
  afterAll(async () => {
    await sim?.close();
    await database?.destroy();
  });

  const stock = async (serviceId: string) => {
    const [row] = await database.db
      .select({ n: count() })
      .from(calls)
      .where(and(eq(calls.serviceId, serviceId), eq(calls.writeBackState, "none")));
    return row?.n ?? 0;
  };

  it("refills a task below its low-water mark with one batch, stamped with fetchTime", async () => {
    const serviceId = taskIds[0] ?? "";
    await chooseTask(database.db, { subCCNo: 1, vdnId: 88 }, { serviceId, lowWater: 5, batchCount: 8 }, null);
    await sleep(5); // due from the database's now(), compared in milliseconds (see below)
    sim.reset();
    const before = Date.now();
    const reports = await pullDue(database.db, options);
    const after = Date.now();
    expect(reports).toEqual([
      expect.objectContaining({ serviceId, result: "fetched", stored: 8, inserted: 8 }),
    ]);
    expect(callnosCount(sim, serviceId)).toBe(1);
    expect(await stock(serviceId)).toBe(8);
    const rows = await database.db.select().from(calls).where(eq(calls.serviceId, serviceId));
    for (const row of rows) {
      expect(row.fetchTime.getTime()).toBeGreaterThanOrEqual(before - 5);
      expect(row.fetchTime.getTime()).toBeLessThanOrEqual(after + 5);
    }
    // Above the mark: nothing more is fetched, however often the puller looks.
    await sleep(15);
    expect(await pullDue(database.db, options)).toEqual([]);
    expect(callnosCount(sim, serviceId)).toBe(1);
    // Agents work calls: the stock falls below the mark and the next round refills it.
    const worked = rows.slice(0, 4).map((r) => r.id);
    for (const id of worked) {
      await database.db.update(calls).set({ writeBackState: "accepted" }).where(eq(calls.id, id));
    }
    expect(await stock(serviceId)).toBe(4);
    const again = await pullDue(database.db, options);
    expect(again).toEqual([expect.objectContaining({ serviceId, result: "fetched", stored: 8 })]);
    expect(await stock(serviceId)).toBe(12);
    const [view] = (await listPullTasks(database.db, 88)).filter((t) => t.serviceId === serviceId);
    expect(view?.stock).toBe(12);
    expect(view?.lastFetched).toBe(8);
  });

  it("a record fetched twice is one call, and unreadable records are kept aside with the reason", async () => {
    const serviceId = taskIds[1] ?? "";
    await chooseTask(database.db, { subCCNo: 1, vdnId: 88 }, { serviceId, lowWater: 1, batchCount: 3 }, null);
    const good = { seviceId: serviceId, uniqueId: "dup-1", phoneNumber: ["13800000001"], callData: "a=1" };
    sim.scriptAnswer({
      interface: "callnos",
      body: {
        result: 0,
        resultData: [good, { seviceId: serviceId, uniqueId: "no-phone", phoneNumber: [] }, { uniqueId: 42 }],
      },
    });
    const first = await fetchNow(database.db, serviceId, options);
    expect(first).toEqual({
      ok: true,
      report: expect.objectContaining({ stored: 1, inserted: 1, rejected: 2 }),
    });
    const rejects = await listPullRejects(database.db);
    const mine = rejects.filter((r) => r.serviceId === serviceId);
    expect(mine).toHaveLength(2);
    expect(mine.map((r) => r.reason).join(" | ")).toMatch(/phoneNumber/);
    expect(mine.map((r) => r.reason).join(" | ")).toMatch(/uniqueId/);
    expect(mine.some((r) => r.raw.includes("no-phone"))).toBe(true);

    await sleep(15);
    sim.scriptAnswer({ interface: "callnos", body: { result: 0, resultData: { ...good, callData: "a=2" } } });
    const second = await fetchNow(database.db, serviceId, options);
    expect(second).toEqual({ ok: true, report: expect.objectContaining({ stored: 1, inserted: 0 }) });
    const rows = await database.db.select().from(calls).where(eq(calls.uniqueId, "dup-1"));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.callData).toBe("a=2");
  });

  it("keeps to the rate limit: Fetch now twice at once gives one callnos", async () => {
    const serviceId = taskIds[1] ?? "";
    await sleep(15);
    sim.reset();
    // Later than any earlier attempt by more than the interval, so only the race decides.
    const later = () => new Date(Date.now() + 120_000);
    const slow = { ...options, minIntervalMs: 60_000, now: later };
    const [a, b] = await Promise.all([
      fetchNow(database.db, serviceId, slow),
      fetchNow(database.db, serviceId, { ...slow, owner: "puller-b" }),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const third = await fetchNow(database.db, serviceId, slow);
    expect(third).toEqual({ ok: false, reason: "busy_or_too_soon" });
    expect(callnosCount(sim, serviceId)).toBe(1);
    expect(await fetchNow(database.db, "not-chosen", options)).toEqual({ ok: false, reason: "not_chosen" });
  });

  it("retries upstream failures with backoff and reports them on the task", async () => {
    const serviceId = taskIds[2] ?? "";
    await chooseTask(database.db, { subCCNo: 1, vdnId: 88 }, { serviceId, lowWater: 3, batchCount: 5 }, null);
    // The new task is due from the database's now() (microseconds); the claim compares it
    // with this process's clock, in milliseconds: within the same millisecond it is not yet due.
    await sleep(5);
    sim.setFaults({ errorRate: 1, errorKind: "http503", faultPaths: ["callnos"] });
    sim.reset();
    const backing = { ...options, backoffFirstMs: 400, backoffMaxMs: 1600 };
    const failed = await pullDue(database.db, backing);
    expect(failed).toEqual([
      expect.objectContaining({ serviceId, result: "failed", error: "iSales callnos: HTTP 503" }),
    ]);
    let [task] = await database.db.select().from(pullTasks).where(eq(pullTasks.serviceId, serviceId));
    expect(task?.failures).toBe(1);
    expect(task?.lastError).toBe("iSales callnos: HTTP 503");
    expect(task?.leaseOwner).toBeNull();
    // Not retried before its backoff is over.
    expect(await pullDue(database.db, backing)).toEqual([]);
    await sleep(450);
    await pullDue(database.db, backing);
    [task] = await database.db.select().from(pullTasks).where(eq(pullTasks.serviceId, serviceId));
    expect(task?.failures).toBe(2);
    const gap = (task?.nextFetchAt.getTime() ?? 0) - (task?.lastAttemptAt?.getTime() ?? 0);
    expect(gap).toBe(backoffMs(2, 400, 1600));
    // iSales recovers: the next try after the backoff succeeds and clears the failure.
    sim.setFaults({});
    await sleep(850);
    const ok = await pullDue(database.db, backing);
    expect(ok).toEqual([expect.objectContaining({ serviceId, result: "fetched", stored: 5 })]);
    [task] = await database.db.select().from(pullTasks).where(eq(pullTasks.serviceId, serviceId));
    expect(task?.failures).toBe(0);
    expect(callnosCount(sim, serviceId)).toBe(3);
  });

  it("the background puller refills on its own", async () => {
    const serviceId = taskIds[2] ?? "";
    await chooseTask(
      database.db,
      { subCCNo: 1, vdnId: 88 },
      { serviceId, lowWater: 15, batchCount: 5 },
      null,
    );
    const puller = startPuller({ ...options, db: database.db, pollMs: 20 });
    try {
      for (let i = 0; i < 100 && (await stock(serviceId)) < 15; i++) await sleep(20);
    } finally {
      await puller.stop();
    }
    expect(await stock(serviceId)).toBe(15);
  });

  it("backoff doubles and is capped", () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffMs(n, 100, 500))).toEqual([100, 200, 400, 500, 500]);
  });

  // Only on PostgreSQL: the embedded database admits one process, so there is no second pool to race.
  if (backend.kind === "postgres")
    it("one fetch per task across two pools at once", async () => {
      const url = "databaseUrl" in database.location ? database.location.databaseUrl : "";
      const second = await openDatabase({ databaseUrl: url });
      const sim2 = await startSimulator({
        fixedTokens: [simToken],
        taskCount: 6,
        callsPerTask: 100,
        seed: 7,
      });
      try {
        const ids = sim2.tasks().map((t) => t.serviceId);
        for (const serviceId of ids) {
          await chooseTask(
            database.db,
            { subCCNo: 1, vdnId: 88 },
            { serviceId, lowWater: 10_000, batchCount: 4 },
            null,
          );
        }
        // Some of these tasks were fetched by earlier tests: look from a moment past their waits.
        const later = () => new Date(Date.now() + 3_600_000);
        const base = { ...options, client: clientFor(sim2), minIntervalMs: 60_000, now: later };
        const rounds = await Promise.all([
          pullDue(database.db, { ...base, owner: "instance-1" }),
          pullDue(second.db, { ...base, owner: "instance-2" }),
          pullDue(database.db, { ...base, owner: "instance-3" }),
          pullDue(second.db, { ...base, owner: "instance-4" }),
        ]);
        const fetched = rounds
          .flat()
          .map((r) => r.serviceId)
          .sort();
        expect(fetched).toEqual([...ids].sort());
        for (const serviceId of ids) expect(callnosCount(sim2, serviceId)).toBe(1);
      } finally {
        await second.close();
        await sim2.close();
      }
    });

  it("rejects are listed newest first", async () => {
    const rows = await database.db.select({ n: count() }).from(pullRejects);
    expect(rows[0]?.n).toBeGreaterThan(0);
  });
});
