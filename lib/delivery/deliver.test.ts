import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { writeBackAttempts } from "@/lib/db/schema";
import { type TestDatabase, testBackends } from "@/test/support/databases";
import {
  callState,
  clientFor,
  insertCall,
  insertWriteBack,
  quietSettings,
  receivedTags,
  simToken,
  sleep,
  tinyPolicy,
  writeBackRow,
} from "@/test/support/delivery";
import { startSimulator } from "@/tools/isales-sim/server";
import type { SimFaultsInput, Simulator } from "@/tools/isales-sim/types";
import { createBreaker } from "./breaker";
import { claimDue } from "./claim";
import { type DeliveryOptions, type DeliveryReport, deliverOne, sendClaimed } from "./deliver";

quietSettings();

const midresultCalls = (sim: Simulator) => sim.received().filter((r) => r.interface === "midresult").length;

/** Deliver until the write-back is no longer waiting, waiting out each backoff. */
async function deliverUntilDone(
  db: TestDatabase["db"],
  id: number,
  options: DeliveryOptions,
): Promise<DeliveryReport> {
  for (let i = 0; i < 50; i++) {
    const report = await deliverOne(db, id, options);
    if (report.result === "sent" && report.state === "retrying") {
      await sleep(Math.max(0, (report.nextAttemptAt?.getTime() ?? 0) - Date.now()) + 2);
      continue;
    }
    if (report.result === "not_claimed" && report.state === "retrying") {
      await sleep(5);
      continue;
    }
    return report;
  }
  throw new Error("never finished");
}

describe.each(testBackends())("delivery on $kind", (backend) => {
  let database: TestDatabase;
  let sim: Simulator;
  let options: DeliveryOptions;

  beforeAll(async () => {
    database = await backend.open();
    sim = await startSimulator({ fixedTokens: [simToken] });
    options = { client: clientFor(sim), owner: "test-sender", policy: tinyPolicy };
  });
  afterAll(async () => {
    await sim?.close();
    await database?.destroy();
  });
  afterEach(() => {
    sim.setFaults({});
    sim.reset();
  });

  const faults = (input: SimFaultsInput) => sim.setFaults(input);

  it("accepted: one HTTP call, write-back and call accepted, the attempt recorded", async () => {
    const { db } = database;
    const call = await insertCall(db);
    const id = await insertWriteBack(db, call, "acc-1");
    const report = await deliverOne(db, id, options);
    expect(report).toMatchObject({ result: "sent", state: "accepted", attempts: 1, recorded: true });
    expect(midresultCalls(sim)).toBe(1);
    const row = await writeBackRow(db, id);
    expect(row).toMatchObject({ state: "accepted", attempts: 1, leaseOwner: null, lastOutcome: "accepted" });
    expect(row.finishedAt).toBeInstanceOf(Date);
    expect(await callState(db, call)).toBe("accepted");
    const attempts = await db.select().from(writeBackAttempts).where(eq(writeBackAttempts.writeBackId, id));
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({
      outcome: "accepted",
      httpStatus: 200,
      resultCode: "0",
      sender: "test-sender",
    });
    // Finished: a second delivery sends nothing.
    expect(await deliverOne(db, id, options)).toMatchObject({ result: "not_claimed", state: "accepted" });
    expect(midresultCalls(sim)).toBe(1);
  });

  it("refused by iSales: one HTTP call, attention, the call marked refused with the code", async () => {
    const { db } = database;
    faults({ errorRate: 1, errorKind: "refuse", resultCode: "0200033" });
    const call = await insertCall(db);
    const id = await insertWriteBack(db, call, "ref-1");
    expect(await deliverOne(db, id, options)).toMatchObject({ result: "sent", state: "attention" });
    expect(midresultCalls(sim)).toBe(1);
    expect(await writeBackRow(db, id)).toMatchObject({
      state: "attention",
      lastOutcome: "refused",
      lastResultCode: "0200033",
    });
    expect(await callState(db, call)).toBe("refused");
  });

  it.each(["http400", "http404", "http500", "http401"] as const)(
    "%s: one HTTP call, attention, the call marked failed",
    async (errorKind) => {
      const { db } = database;
      faults({ errorRate: 1, errorKind });
      const call = await insertCall(db);
      const id = await insertWriteBack(db, call, `${errorKind}-1`);
      expect(await deliverOne(db, id, options)).toMatchObject({ result: "sent", state: "attention" });
      expect(midresultCalls(sim)).toBe(1);
      expect(await writeBackRow(db, id)).toMatchObject({
        state: "attention",
        lastOutcome: "http_error",
        lastHttpStatus: Number(errorKind.slice(4)),
        attempts: 1,
      });
      expect(await callState(db, call)).toBe("failed");
    },
  );

  it("403 in log-in mode: the client logs in afresh and tries once more, then attention", async () => {
    const { db } = database;
    faults({ errorRate: 1, errorKind: "http403" });
    const call = await insertCall(db);
    const id = await insertWriteBack(db, call, "403-1");
    const report = await deliverOne(db, id, { ...options, client: clientFor(sim, { login: true }) });
    expect(report).toMatchObject({ result: "sent", state: "attention" });
    expect(midresultCalls(sim)).toBe(2);
    expect(sim.received().filter((r) => r.interface === "login")).toHaveLength(2);
    expect(await writeBackRow(db, id)).toMatchObject({
      state: "attention",
      lastHttpStatus: 403,
      attempts: 1,
    });
  });

  it("an unreadable HTTP 200 answer: one call, attention (it may have been applied)", async () => {
    const { db } = database;
    faults({ nonJsonRate: 1 });
    const call = await insertCall(db);
    const id = await insertWriteBack(db, call, "nonjson-1");
    expect(await deliverOne(db, id, options)).toMatchObject({ result: "sent", state: "attention" });
    expect(midresultCalls(sim)).toBe(1);
    expect(await writeBackRow(db, id)).toMatchObject({ lastOutcome: "invalid_answer" });
    expect(await callState(db, call)).toBe("failed");
  });

  it("503 then recovery: retried with backoff until accepted", async () => {
    const { db } = database;
    faults({ errorRate: 1, errorKind: "http503" });
    const call = await insertCall(db);
    const id = await insertWriteBack(db, call, "503-1");
    const first = await deliverOne(db, id, options);
    expect(first).toMatchObject({ result: "sent", state: "retrying", attempts: 1 });
    expect(await callState(db, call)).toBe("pending");
    const row = await writeBackRow(db, id);
    expect(row.state).toBe("retrying");
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(row.createdAt.getTime());
    await sleep(25);
    expect(await deliverOne(db, id, options)).toMatchObject({
      result: "sent",
      state: "retrying",
      attempts: 2,
    });
    faults({});
    await sleep(25);
    expect(await deliverUntilDone(db, id, options)).toMatchObject({
      result: "sent",
      state: "accepted",
      attempts: 3,
    });
    expect(midresultCalls(sim)).toBe(3);
    expect(await callState(db, call)).toBe("accepted");
    const attempts = await db.select().from(writeBackAttempts).where(eq(writeBackAttempts.writeBackId, id));
    expect(attempts.map((a) => a.httpStatus)).toEqual([503, 503, 200]);
  });

  it("429 is transient too: retried", async () => {
    const { db } = database;
    faults({ errorRate: 1, errorKind: "http429" });
    const call = await insertCall(db);
    const id = await insertWriteBack(db, call, "429-1");
    expect(await deliverOne(db, id, options)).toMatchObject({ result: "sent", state: "retrying" });
  });

  it("dropped connections: retried with backoff, then attention after the most attempts", async () => {
    const { db } = database;
    faults({ dropRate: 1 });
    const call = await insertCall(db);
    const id = await insertWriteBack(db, call, "drop-1");
    const report = await deliverUntilDone(db, id, options);
    expect(report).toMatchObject({ result: "sent", state: "attention", attempts: tinyPolicy.maxAttempts });
    expect(midresultCalls(sim)).toBe(tinyPolicy.maxAttempts);
    const row = await writeBackRow(db, id);
    expect(row).toMatchObject({ state: "attention", lastOutcome: "no_answer" });
    expect(row.lastError).toMatch(/gave up after 4 attempts/);
    expect(await callState(db, call)).toBe("failed");
    const attempts = await db.select().from(writeBackAttempts).where(eq(writeBackAttempts.writeBackId, id));
    expect(attempts.every((a) => a.outcome === "no_answer" && a.failureReason === "reset")).toBe(true);
  });

  it("timeouts: retried, then attention", async () => {
    const { db } = database;
    faults({ hangRate: 1 });
    const call = await insertCall(db);
    const id = await insertWriteBack(db, call, "hang-1");
    const quick = {
      ...options,
      client: clientFor(sim, { timeoutMs: 150 }),
      policy: { ...tinyPolicy, maxAttempts: 2 },
    };
    expect(await deliverUntilDone(db, id, quick)).toMatchObject({
      result: "sent",
      state: "attention",
      attempts: 2,
    });
    expect(midresultCalls(sim)).toBe(2);
    const attempts = await db.select().from(writeBackAttempts).where(eq(writeBackAttempts.writeBackId, id));
    expect(attempts.map((a) => a.failureReason)).toEqual(["timeout", "timeout"]);
  });

  it("greatest age: a transient failure of a write-back older than the limit goes to attention", async () => {
    const { db } = database;
    faults({ errorRate: 1, errorKind: "http503" });
    const call = await insertCall(db);
    const id = await insertWriteBack(db, call, "old-1");
    await sleep(1100);
    const report = await deliverOne(db, id, { ...options, policy: { ...tinyPolicy, maxAgeS: 1 } });
    expect(report).toMatchObject({ result: "sent", state: "attention", attempts: 1 });
  });

  it("a newer write-back of the call supersedes an older one not yet sent", async () => {
    const { db } = database;
    const call = await insertCall(db);
    const older = await insertWriteBack(db, call, "sup-old");
    const newer = await insertWriteBack(db, call, "sup-new");
    expect(await deliverOne(db, older, options)).toEqual({
      result: "superseded",
      writeBackId: older,
      supersededBy: newer,
    });
    expect(await deliverOne(db, newer, options)).toMatchObject({ result: "sent", state: "accepted" });
    expect(receivedTags(sim)).toEqual(["sup-new"]);
    expect(await writeBackRow(db, older)).toMatchObject({
      state: "superseded",
      supersededBy: newer,
      attempts: 0,
    });
    expect(await callState(db, call)).toBe("accepted");
  });

  it("a call's newer write-back waits while an older one is in flight, then goes after it", async () => {
    const { db } = database;
    const call = await insertCall(db);
    const older = await insertWriteBack(db, call, "ord-old");
    const { claimed } = await claimDue(db, "other-sender", 1, { leaseS: 30, onlyId: older });
    const inFlight = claimed[0];
    expect(inFlight?.id).toBe(older);
    const newer = await insertWriteBack(db, call, "ord-new");
    expect(await deliverOne(db, newer, options)).toEqual({
      result: "not_claimed",
      writeBackId: newer,
      state: "queued",
    });
    if (!inFlight) throw new Error("not claimed");
    expect(await sendClaimed(db, inFlight, { ...options, owner: "other-sender" })).toMatchObject({
      state: "accepted",
      recorded: true,
    });
    expect(await deliverOne(db, newer, options)).toMatchObject({ result: "sent", state: "accepted" });
    expect(receivedTags(sim)).toEqual(["ord-old", "ord-new"]);
  });

  it("a crashed sender's lease runs out and another sender takes the write-back over", async () => {
    const { db } = database;
    const call = await insertCall(db);
    const id = await insertWriteBack(db, call, "lease-1");
    const { claimed } = await claimDue(db, "crashed-sender", 10, { leaseS: 0.3, onlyId: id });
    expect(claimed.map((r) => r.leaseOwner)).toEqual(["crashed-sender"]);
    // Held: nobody else may take it.
    expect(await deliverOne(db, id, options)).toMatchObject({ result: "not_claimed", state: "sending" });
    expect((await claimDue(db, "third", 10, { leaseS: 30 })).claimed.map((r) => r.id)).not.toContain(id);
    await sleep(400);
    expect(await deliverOne(db, id, options)).toMatchObject({
      result: "sent",
      state: "accepted",
      attempts: 2,
    });
    expect(receivedTags(sim)).toEqual(["lease-1"]);
    // The crashed sender's late answer does not overwrite the taker's record.
    const stale = claimed[0];
    if (!stale) throw new Error("not claimed");
    const late = await sendClaimed(db, stale, { ...options, owner: "crashed-sender" });
    expect(late).toMatchObject({ result: "sent", recorded: false });
    expect(await writeBackRow(db, id)).toMatchObject({ state: "accepted" });
  });

  it("the breaker opens after repeated transient failures, then a half-open probe closes it", async () => {
    const { db } = database;
    // Long enough that the two refused deliveries after it opens come before the half-open
    // probe even on a loaded machine (300 ms was not, with the load of a full test run).
    const breaker = createBreaker({ failures: 3, halfOpenAfterMs: 2000 });
    const seen: string[] = [];
    breaker.onStateChange((s) => seen.push(s));
    const withBreaker = { ...options, breaker };
    faults({ errorRate: 1, errorKind: "http503" });
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await insertWriteBack(db, await insertCall(db), `brk-${i}`));
    const reports = [];
    for (const id of ids) reports.push(await deliverOne(db, id, withBreaker));
    expect(reports.map((r) => (r.result === "sent" ? r.state : r.result))).toEqual([
      "retrying",
      "retrying",
      "retrying",
      "breaker_open",
      "breaker_open",
    ]);
    expect(breaker.state()).toBe("open");
    expect(midresultCalls(sim)).toBe(3);
    // Not sent, not lost: still queued, attempt not counted.
    expect(await writeBackRow(db, ids[3] ?? 0)).toMatchObject({
      state: "queued",
      attempts: 0,
      leaseOwner: null,
    });

    // Probe fails: open again, one more HTTP call only.
    await sleep(2050);
    expect(breaker.admits()).toBe(true);
    expect(await deliverOne(db, ids[3] ?? 0, withBreaker)).toMatchObject({
      result: "sent",
      state: "retrying",
    });
    expect(breaker.state()).toBe("open");
    expect(midresultCalls(sim)).toBe(4);

    // iSales is back: the next probe is accepted and closes the breaker.
    faults({});
    await sleep(2050);
    expect(await deliverOne(db, ids[4] ?? 0, withBreaker)).toMatchObject({
      result: "sent",
      state: "accepted",
    });
    expect(breaker.state()).toBe("closed");
    expect(seen).toEqual(["open", "half-open", "open", "half-open", "closed"]);
  });
});
