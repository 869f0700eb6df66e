import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { writeBacks } from "@/lib/db/schema";
import { type TestDatabase, testBackends } from "@/test/support/databases";
import {
  clientFor,
  insertCall,
  insertWriteBack,
  quietSettings,
  simToken,
  tinyPolicy,
  waitFor,
} from "@/test/support/delivery";
import { startSimulator } from "@/tools/isales-sim/server";
import type { Simulator } from "@/tools/isales-sim/types";
import { type DeliveryOptions, deliverOne } from "./deliver";

quietSettings();

/** The callId tag of the body iSales accepted last: what it holds for the call now. */
const heldBySim = (sim: Simulator) =>
  sim
    .received()
    .filter((r) => r.interface === "midresult" && r.answer.status === 200)
    .sort((a, b) => (a.answer.answeredSeq ?? 0) - (b.answer.answeredSeq ?? 0))
    .map((r) => (r.body as { callId?: string }).callId)
    .at(-1);

/**
 * A send that got no answer in time may still be processed by iSales later, after a newer
 * write-back of the call was accepted: iSales would then hold the older outcome. The
 * simulator's latency does exactly that (it processes after its delay whether or not the
 * client waited). After a newer write-back is accepted while an older one of its call
 * ended without an answer, delivery sends the newest once more after a quiet period.
 */
describe.each(testBackends())("an uncertain older send on $kind", (backend) => {
  let database: TestDatabase;
  let sim: Simulator;
  let options: DeliveryOptions;

  beforeAll(async () => {
    database = await backend.open();
    sim = await startSimulator({ fixedTokens: [simToken] });
    options = {
      client: clientFor(sim, { timeoutMs: 300 }),
      owner: "test-sender",
      policy: { ...tinyPolicy, confirmAfterMs: 60_000 },
    };
  });
  afterAll(async () => {
    await sim?.close();
    await database?.destroy();
  });
  afterEach(() => {
    sim.setFaults({});
    sim.reset();
  });

  it("iSales ends on the newest outcome: the newest is sent again once after the quiet period", async () => {
    const { db } = database;
    const call = await insertCall(db);
    const older = await insertWriteBack(db, call, "old");
    // iSales slow: the older send times out on our side, and iSales applies it 900 ms later.
    sim.setFaults({ latencyMs: 900, faultPaths: ["midresult"] });
    const first = await deliverOne(db, older, options);
    expect(first).toMatchObject({ result: "sent", state: "retrying", outcome: { kind: "no_answer" } });
    sim.setFaults({});
    const newer = await insertWriteBack(db, call, "new");
    const second = await deliverOne(db, newer, options);
    expect(second).toMatchObject({ result: "sent", state: "accepted" });
    // The late older one lands after the newer: without more, iSales holds the old outcome.
    await waitFor("the older one applied late", async () =>
      sim.received().some((r) => (r.body as { callId?: string }).callId === "old" && r.answer.status === 200),
    );
    expect(heldBySim(sim)).toBe("old");

    // The confirmation: queued for after the quiet period, carrying the newest's exact body.
    const rows = await db.select().from(writeBacks).where(eq(writeBacks.callId, call)).orderBy(writeBacks.id);
    const confirm = rows.at(-1);
    expect(confirm).toMatchObject({ confirms: newer, state: "queued", userId: null });
    expect(confirm?.requestBody).toBe(rows.find((r) => r.id === newer)?.requestBody);
    // Due only after the quiet period (database time), so not sent before it.
    const quietMs = (confirm?.nextAttemptAt.getTime() ?? 0) - (confirm?.createdAt.getTime() ?? 0);
    expect(quietMs).toBeGreaterThanOrEqual(59_000);
    expect(await deliverOne(db, confirm?.id ?? 0, options)).toMatchObject({ result: "not_claimed" });
    // The quiet period over (moved, rather than waited for), it goes, and iSales ends on the newest.
    await db
      .update(writeBacks)
      .set({ nextAttemptAt: new Date(0) })
      .where(eq(writeBacks.id, confirm?.id ?? 0));
    expect(await deliverOne(db, confirm?.id ?? 0, options)).toMatchObject({
      result: "sent",
      state: "accepted",
    });
    expect(heldBySim(sim)).toBe("new");
    // The older one, still waiting to be retried, is superseded and never sent again, and
    // the confirmation's acceptance asks for no further one.
    expect(await deliverOne(db, older, options)).toMatchObject({ result: "superseded" });
    expect(await db.select().from(writeBacks).where(eq(writeBacks.callId, call))).toHaveLength(3);
  });

  it("no confirmation when no older send of the call was uncertain", async () => {
    const { db } = database;
    const call = await insertCall(db);
    const older = await insertWriteBack(db, call, "a");
    sim.setFaults({ errorRate: 1, errorKind: "http503" });
    expect(await deliverOne(db, older, options)).toMatchObject({ state: "retrying" });
    sim.setFaults({});
    const newer = await insertWriteBack(db, call, "b");
    expect(await deliverOne(db, newer, options)).toMatchObject({ state: "accepted" });
    expect(await db.select().from(writeBacks).where(eq(writeBacks.callId, call))).toHaveLength(2);
  });
});
