import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

// settings() is read lazily: give it a valid environment before anything asks for it. The
// iSales client and the database are handed in explicitly below.
process.env.ISALES_BASE_URL ??= "http://127.0.0.1:9";
process.env.ISALES_TOKEN ??= "demo-token";
process.env.LOG_LEVEL = "silent";

const { calls, callVersions, writeBackAttempts, writeBacks } = await import("@/lib/db/schema");
const { testBackends } = await import("@/lib/db/test-databases");
const { createIsalesClient } = await import("@/lib/isales/client");
const { startSimulator } = await import("@/lib/isales-sim/server");
const { submitWriteBack } = await import("./submit");

type Sim = Awaited<ReturnType<typeof startSimulator>>;
type TestDb = Awaited<ReturnType<ReturnType<typeof testBackends>[number]["open"]>>;

const clientFor = (baseUrl: string) =>
  createIsalesClient({
    baseUrl,
    auth: { kind: "token", token: "demo-token" },
    authHeader: "Authorization",
    timeoutMs: 2000,
    refreshMarginS: 30,
  });

/** A port that was just free and is closed again: nothing listens there. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

const form = (extra: Record<string, unknown> = {}) => ({
  submissionId: randomUUID(),
  baseVersion: "0",
  timeZone: "Europe/Berlin",
  status: "5",
  failCode: "00145",
  asrResult: "",
  deviceType: "5",
  phoneNumber: "13900000001",
  callId: "C-1",
  writeStartTime: "2025-11-20T10:00:30",
  endCallTime: "2025-11-20T10:02:00",
  ...extra,
});

describe.each(testBackends())("submitWriteBack on $kind", ({ open }) => {
  let t: TestDb;
  let sim: Sim;
  let callId: number;
  const deps = () => ({ db: t.db, client: clientFor(sim.url), timeZone: "Asia/Shanghai" });

  beforeAll(async () => {
    t = await open();
    sim = await startSimulator({ port: 0, fixedTokens: ["demo-token"] });
  });
  afterAll(async () => {
    await sim?.close();
    await t?.destroy();
  });
  beforeEach(async () => {
    sim.reset();
    sim.setFaults({});
    await t.db.execute(sql`TRUNCATE calls RESTART IDENTITY CASCADE`);
    const [row] = await t.db
      .insert(calls)
      .values({
        subCcNo: 1,
        vdnId: 88,
        serviceId: "TASK-A",
        uniqueId: "CUST-1",
        phoneNumbers: ["13800000001", "13900000001"],
        fetchTime: new Date("2025-11-20T01:15:00Z"),
      })
      .returning();
    callId = row?.id ?? 0;
  });

  const midresults = () => sim.received().filter((r) => r.interface === "midresult");

  it("records, sends the documented body, and records the answer", async () => {
    const result = await submitWriteBack(callId, form(), null, deps());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.message.tone).toBe("success");
    expect(result.attempt).toMatchObject({ outcome: "accepted", httpStatus: 200, resultCode: "0" });
    const expected =
      '{"subCCNo":1,"vdnId":88,"uniqueId":"CUST-1","serviceId":"TASK-A","status":"5","deviceType":5,' +
      '"phoneNumber":"13900000001","failCode":"00145","asrResult":"","fetchTime":"2025-11-20 09:15:00",' +
      '"writeStartTime":"2025-11-20 17:00:30","endCallTime":"2025-11-20 17:02:00","callId":"C-1"}';
    expect(midresults().map((r) => r.bodyText)).toEqual([expected]);
    const [wb] = await t.db.select().from(writeBacks);
    expect(wb).toMatchObject({ requestBody: expected, state: "accepted", attempts: 1, callVersion: 1 });
    const [call] = await t.db.select().from(calls).where(eq(calls.id, callId));
    expect(call).toMatchObject({ writeBackState: "accepted", version: 1, failCode: "00145", deviceType: 5 });
    expect(call?.writeStartTime?.toISOString()).toBe("2025-11-20T09:00:30.000Z");
    const versions = await t.db.select().from(callVersions);
    expect(versions).toHaveLength(1);
    expect(versions[0]?.diff).toMatchObject({ failCode: [null, "00145"] });
  });

  it("answers a repeated submission id from the record instead of sending again", async () => {
    const values = form();
    const first = await submitWriteBack(callId, values, null, deps());
    const again = await submitWriteBack(callId, values, null, deps());
    expect(first.ok && again.ok).toBe(true);
    expect(again.ok && first.ok && again.attempt.id === first.attempt.id).toBe(true);
    expect(midresults()).toHaveLength(1);
    expect(await t.db.select().from(writeBacks)).toHaveLength(1);
  });

  it("keeps the record when iSales cannot be reached, and marks the call failed", async () => {
    const down = { ...deps(), client: clientFor(`http://127.0.0.1:${await closedPort()}`) };
    const result = await submitWriteBack(callId, form(), null, down);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.attempt).toMatchObject({
      outcome: "no_answer",
      failureReason: "refused",
      httpStatus: null,
    });
    expect(result.message.title).toContain("iSales refused the connection");
    const [wb] = await t.db.select().from(writeBacks);
    expect(wb).toMatchObject({ state: "attention", lastOutcome: "no_answer", leaseOwner: null });
    const [call] = await t.db.select().from(calls).where(eq(calls.id, callId));
    expect(call?.writeBackState).toBe("failed");
  });

  it("records a refusal with its code", async () => {
    sim.setFaults({ errorRate: 1, errorKind: "refuse", resultCode: "0200033" });
    const result = await submitWriteBack(callId, form(), null, deps());
    expect(result.ok && result.attempt.outcome).toBe("refused");
    expect(result.ok && result.attempt.resultCode).toBe("0200033");
    const [call] = await t.db.select().from(calls).where(eq(calls.id, callId));
    expect(call?.writeBackState).toBe("refused");
    expect(await t.db.select().from(writeBackAttempts)).toHaveLength(1);
  });

  it("refuses a number that is not the call's, and a stale version, without sending", async () => {
    const wrongNumber = await submitWriteBack(callId, form({ phoneNumber: "13700000000" }), null, deps());
    expect(wrongNumber).toMatchObject({ ok: false, fieldErrors: { phoneNumber: [expect.any(String)] } });
    const stale = await submitWriteBack(callId, form({ baseVersion: "3" }), null, deps());
    expect(stale.ok).toBe(false);
    expect(stale.ok ? "" : stale.message).toContain("Someone else changed");
    expect(midresults()).toHaveLength(0);
    expect(await t.db.select().from(writeBacks)).toHaveLength(0);
  });

  it("checks end after start as instants across a DST change", async () => {
    // 2025-10-26 in Berlin: 02:30 happens twice. Text order says fine; the instants do too
    // only if both are read in the same offset, so an impossible date is caught as well.
    const bad = await submitWriteBack(
      callId,
      form({ writeStartTime: "2025-02-30T10:00:00", endCallTime: "2025-03-01T10:00:00" }),
      null,
      deps(),
    );
    expect(bad).toMatchObject({
      ok: false,
      fieldErrors: { writeStartTime: [expect.stringContaining("not a real")] },
    });
    const before = await submitWriteBack(
      callId,
      form({ writeStartTime: "2025-11-20T10:00:30", endCallTime: "2025-11-20T10:00:29" }),
      null,
      deps(),
    );
    expect(before).toMatchObject({ ok: false, fieldErrors: { endCallTime: [expect.any(String)] } });
    expect(midresults()).toHaveLength(0);
  });

  it("says so for a call that does not exist", async () => {
    const result = await submitWriteBack(999_999, form(), null, deps());
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("does not exist") });
  });
});
