import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

// settings() is read lazily: give it a valid environment before anything asks for it. The
// database and the delivery (the real inline send, deliverOne and client) are handed in below.
process.env.ISALES_BASE_URL ??= "http://127.0.0.1:9";
process.env.ISALES_TOKEN ??= "demo-token";
process.env.LOG_LEVEL = "silent";

const { calls, callVersions, writeBackAttempts, writeBacks } = await import("@/lib/db/schema");
const { testBackends } = await import("@/test/support/databases");
const { deliverOne } = await import("@/lib/delivery/deliver");
const { claimDue } = await import("@/lib/delivery/claim");
const { clientFor, inlineFor, sceneForm, seedWriteBackScene, simToken, tinyPolicy, waitFor } = await import(
  "@/test/support/delivery"
);
const { startSimulator } = await import("@/tools/isales-sim/server");
const { loadDraft, saveDraft } = await import("@/lib/drafts/drafts");
const { submitWriteBack } = await import("./submit");
const { loadVersionHistory } = await import("./versions");

type Sim = Awaited<ReturnType<typeof startSimulator>>;
type TestDb = Awaited<ReturnType<ReturnType<typeof testBackends>[number]["open"]>>;

const form = sceneForm;

describe.each(testBackends())("submitWriteBack through delivery on $kind", ({ open }) => {
  let t: TestDb;
  let sim: Sim;
  let callId: number;
  let agent: { id: number; role: "agent" };
  let agent2: { id: number; role: "agent" };
  let supervisor: { id: number; role: "supervisor" };

  const deliver = (id: number) =>
    deliverOne(t.db, id, { client: clientFor(sim), owner: "test-web", policy: tinyPolicy });
  /** What a background sender would do once: deliver whatever is due. */
  const senderPass = async () => {
    const rows = await t.db.select({ id: writeBacks.id }).from(writeBacks).orderBy(writeBacks.id);
    for (const r of rows) await deliver(r.id);
  };
  const deps = (extra: Record<string, unknown> = {}) => ({
    db: t.db,
    inline: inlineFor(t.db, sim),
    timeZone: "Asia/Shanghai",
    waitMs: 5000,
    ...extra,
  });
  const midresults = () => sim.received().filter((r) => r.interface === "midresult");

  beforeAll(async () => {
    t = await open();
    sim = await startSimulator({ port: 0, fixedTokens: [simToken] });
  });
  afterAll(async () => {
    await sim?.close();
    await t?.destroy();
  });
  beforeEach(async () => {
    sim.reset();
    sim.setFaults({});
    ({ agent, agent2, supervisor, callId } = await seedWriteBackScene(t.db));
  });

  it("records, delivers the documented body at once, and answers accepted", async () => {
    const result = await submitWriteBack(callId, form(), agent, deps());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.status).toMatchObject({ state: "accepted", final: true, attempts: 1, resultCode: "0" });
    expect(result.status.message?.tone).toBe("success");
    const expected =
      '{"subCCNo":1,"vdnId":88,"uniqueId":"CUST-1","serviceId":"TASK-A","status":"5","deviceType":5,' +
      '"phoneNumber":"13900000001","failCode":"00145","asrResult":"","fetchTime":"2025-11-20 09:15:00",' +
      '"writeStartTime":"2025-11-20 17:00:30","endCallTime":"2025-11-20 17:02:00","callId":"C-1"}';
    expect(midresults().map((r) => r.bodyText)).toEqual([expected]);
    const [wb] = await t.db.select().from(writeBacks);
    expect(wb).toMatchObject({
      requestBody: expected,
      state: "accepted",
      attempts: 1,
      callVersion: 1,
      userId: agent.id,
    });
    const [call] = await t.db.select().from(calls).where(eq(calls.id, callId));
    expect(call).toMatchObject({ writeBackState: "accepted", version: 1, failCode: "00145", deviceType: 5 });
    const versions = await t.db.select().from(callVersions);
    expect(versions).toHaveLength(1);
    expect(versions[0]?.diff).toMatchObject({ failCode: [null, "00145"] });
  });

  it("records before sending: a write-back nobody delivered yet is queued, and the sender sends it", async () => {
    const result = await submitWriteBack(callId, form(), agent, deps({ inline: null }));
    expect(result.ok && result.status).toMatchObject({ state: "queued", final: false, attempts: 0 });
    expect(midresults()).toHaveLength(0);
    const [call] = await t.db.select().from(calls).where(eq(calls.id, callId));
    expect(call?.writeBackState).toBe("pending");
    await senderPass();
    expect(midresults()).toHaveLength(1);
    expect((await t.db.select().from(writeBacks))[0]?.state).toBe("accepted");
  });

  it("the same submission id twice is one write-back and one HTTP call, also while the first is in flight", async () => {
    sim.setFaults({ latencyMs: 300 });
    const values = form();
    const [first, twin] = await Promise.all([
      submitWriteBack(callId, values, agent, deps()),
      submitWriteBack(callId, values, agent, deps()),
    ]);
    expect(first.ok && twin.ok).toBe(true);
    const again = await submitWriteBack(callId, values, agent, deps());
    expect(again.ok && again.status.state).toBe("accepted");
    await waitFor("the one send", async () => midresults().length >= 1);
    expect(midresults()).toHaveLength(1);
    expect(await t.db.select().from(writeBacks)).toHaveLength(1);
    expect(await t.db.select().from(writeBackAttempts)).toHaveLength(1);
  });

  it("when iSales does not answer in time the agent is told it is queued; it is retried until accepted", async () => {
    sim.setFaults({ errorRate: 1, errorKind: "http503" });
    const result = await submitWriteBack(callId, form(), agent, deps());
    expect(result.ok && result.status).toMatchObject({
      state: "retrying",
      final: false,
      attempts: 1,
      httpStatus: 503,
    });
    expect(result.ok && result.status.nextAttemptAt).toEqual(expect.any(String));
    sim.setFaults({});
    await waitFor("the retry to be accepted", async () => {
      await senderPass();
      return (await t.db.select().from(writeBacks))[0]?.state === "accepted";
    });
    expect(midresults().map((r) => r.answer.status)).toEqual([503, 200]);
  });

  it("a slow iSales: the submit answers queued/sending before iSales does, and the delivery finishes", async () => {
    sim.setFaults({ latencyMs: 400 });
    const result = await submitWriteBack(callId, form(), agent, deps({ waitMs: 20 }));
    expect(result.ok && result.status.final).toBe(false);
    await waitFor(
      "the slow answer",
      async () => (await t.db.select().from(writeBacks))[0]?.state === "accepted",
    );
  });

  it("the submit owns its write-back from the moment it is recorded: a sender looking before the send finds nothing", async () => {
    const own = inlineFor(t.db, sim);
    let senderTook: number[] | null = null;
    const slowToStart = {
      ...own,
      // Between the commit and the send, the background sender looks for due work.
      async send(row: Parameters<typeof own.send>[0]) {
        senderTook = (await claimDue(t.db, "background-sender", 10, { leaseS: 30 })).claimed.map((r) => r.id);
        return own.send(row);
      },
    };
    const result = await submitWriteBack(callId, form(), agent, deps({ inline: slowToStart }));
    expect(senderTook).toEqual([]);
    expect(result.ok && result.status).toMatchObject({ state: "accepted", final: true, attempts: 1 });
    expect(midresults()).toHaveLength(1);
    expect(await t.db.select().from(writeBackAttempts)).toMatchObject([{ sender: "test-web" }]);
  });

  it("with the breaker open the write-back is recorded queued for the sender, not claimed", async () => {
    const down = { ...inlineFor(t.db, sim), admits: () => false };
    const result = await submitWriteBack(callId, form(), agent, deps({ inline: down }));
    expect(result.ok && result.status).toMatchObject({ state: "queued", attempts: 0, final: false });
    expect(midresults()).toHaveLength(0);
    await senderPass();
    expect((await t.db.select().from(writeBacks))[0]?.state).toBe("accepted");
  });

  it("a refusal needs a person: attention with the meaning, not retried", async () => {
    sim.setFaults({ errorRate: 1, errorKind: "refuse", resultCode: "0200033" });
    const result = await submitWriteBack(callId, form(), agent, deps());
    expect(result.ok && result.status).toMatchObject({
      state: "attention",
      final: true,
      resultCode: "0200033",
    });
    expect(result.ok && result.status.message?.title).toContain("no such outbound call record");
    await senderPass();
    expect(midresults()).toHaveLength(1);
    const [call] = await t.db.select().from(calls).where(eq(calls.id, callId));
    expect(call?.writeBackState).toBe("refused");
  });

  it("concurrent submissions for one call: the latest wins, the older is superseded, iSales receives the latest last", async () => {
    // First: one still waiting (not yet sent) when a newer one comes: never sent.
    const older = await submitWriteBack(callId, form({ callId: "OLD" }), agent, deps({ inline: null }));
    expect(older.ok).toBe(true);
    const newer = await submitWriteBack(callId, form({ callId: "NEW", baseVersion: "1" }), agent, deps());
    expect(newer.ok && newer.status.state).toBe("accepted");
    await senderPass();
    const rows = await t.db.select().from(writeBacks).orderBy(writeBacks.id);
    expect(rows.map((r) => r.state)).toEqual(["superseded", "accepted"]);
    expect(midresults().map((r) => (r.body as { callId: string }).callId)).toEqual(["NEW"]);

    // Then: one in flight (slow iSales) when a newer one comes: the newer waits for it.
    sim.reset();
    sim.setFaults({ latencyMs: 300 });
    const slow = await submitWriteBack(
      callId,
      form({ callId: "SLOW", baseVersion: "2" }),
      agent,
      deps({ waitMs: 50 }),
    );
    expect(slow.ok && slow.status.state).toBe("sending");
    const latest = await submitWriteBack(
      callId,
      form({ callId: "LATEST", baseVersion: "3" }),
      agent,
      deps({ waitMs: 50 }),
    );
    expect(latest.ok).toBe(true);
    await waitFor("the latest to be accepted", async () => {
      await senderPass();
      const all = await t.db.select().from(writeBacks).orderBy(writeBacks.id);
      return all.at(-1)?.state === "accepted";
    });
    expect(midresults().map((r) => (r.body as { callId: string }).callId)).toEqual(["SLOW", "LATEST"]);
    const [call] = await t.db.select().from(calls).where(eq(calls.id, callId));
    expect(call).toMatchObject({ callId: "LATEST", writeBackState: "accepted" });
  });

  it("drafts: saved, restored, kept after a refusal, ended when the write-back is accepted", async () => {
    await saveDraft(t.db, callId, agent.id, { failCode: "001", baseVersion: "0" });
    await saveDraft(t.db, callId, agent.id, { failCode: "00145", status: "5", baseVersion: "0" });
    expect((await loadDraft(t.db, callId, agent.id))?.values).toEqual({
      failCode: "00145",
      status: "5",
      baseVersion: "0",
    });
    expect(await loadDraft(t.db, callId, agent2.id)).toBeNull();

    sim.setFaults({ errorRate: 1, errorKind: "refuse", resultCode: "0200001" });
    await submitWriteBack(callId, form(), agent, deps());
    // Refused: the draft stays, now based on the version just recorded.
    expect((await loadDraft(t.db, callId, agent.id))?.values).toMatchObject({
      failCode: "00145",
      baseVersion: "1",
    });

    sim.setFaults({});
    await submitWriteBack(callId, form({ baseVersion: "1" }), agent, deps());
    expect(await loadDraft(t.db, callId, agent.id)).toBeNull();

    // Typing after a submit starts a draft that the earlier acceptance does not end.
    await saveDraft(t.db, callId, agent.id, { callId: "typed later", baseVersion: "2" });
    expect((await loadDraft(t.db, callId, agent.id))?.values.callId).toBe("typed later");
  });

  it("a supervisor's correction needs a reason, and is kept as a version with who, why and the diff", async () => {
    await submitWriteBack(callId, form(), agent, deps());
    const noReason = await submitWriteBack(
      callId,
      form({ baseVersion: "1", failCode: "00146" }),
      supervisor,
      deps(),
    );
    expect(noReason).toMatchObject({
      ok: false,
      fieldErrors: { reason: [expect.stringContaining("Reason")] },
    });
    const corrected = await submitWriteBack(
      callId,
      form({ baseVersion: "1", failCode: "00000", status: "6", reason: "Customer asked to be called back" }),
      supervisor,
      deps(),
    );
    expect(corrected.ok && corrected.status.state).toBe("accepted");
    const history = await loadVersionHistory(t.db, callId);
    expect(history.map((v) => v.version)).toEqual([2, 1]);
    expect(history[0]).toMatchObject({
      changedBy: "super1",
      reason: "Customer asked to be called back",
      writeBack: { state: "accepted", answer: "iSales accepted the outcome." },
    });
    expect(history[0]?.changes).toEqual([
      { field: "status", label: "Call status", before: "5", after: "6" },
      { field: "failCode", label: "Failure cause code", before: "00145", after: "00000" },
    ]);
    expect(history[1]).toMatchObject({ changedBy: "agent1", reason: null });
    expect(midresults()).toHaveLength(2);
  });

  it("two people saving from the same version: the second is told who changed what, and nothing is overwritten", async () => {
    await submitWriteBack(callId, form(), agent, deps());
    const first = await submitWriteBack(
      callId,
      form({ baseVersion: "1", callId: "FROM-SUPER", reason: "wrong call id" }),
      supervisor,
      deps(),
    );
    expect(first.ok).toBe(true);
    const second = await submitWriteBack(
      callId,
      form({ baseVersion: "1", asrResult: "voicemail" }),
      agent,
      deps(),
    );
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.message).toContain("Someone else changed");
    expect(second.conflict).toMatchObject({
      currentVersion: 2,
      changedBy: "super1",
      changes: [{ field: "callId", before: "C-1", after: "FROM-SUPER" }],
    });
    const [call] = await t.db.select().from(calls).where(eq(calls.id, callId));
    expect(call).toMatchObject({ version: 2, callId: "FROM-SUPER", asrResult: null });
    expect(midresults()).toHaveLength(2);
    // Deciding to re-apply: the same values on the new version go through.
    const reapplied = await submitWriteBack(
      callId,
      form({ baseVersion: "2", asrResult: "voicemail" }),
      agent,
      deps(),
    );
    expect(reapplied.ok).toBe(true);
  });

  it("another agent's call answers as if it did not exist; a wrong number and a stale version send nothing", async () => {
    const other = await submitWriteBack(callId, form(), agent2, deps());
    expect(other).toMatchObject({ ok: false, message: expect.stringContaining("does not exist") });
    const wrongNumber = await submitWriteBack(callId, form({ phoneNumber: "13700000000" }), agent, deps());
    expect(wrongNumber).toMatchObject({ ok: false, fieldErrors: { phoneNumber: [expect.any(String)] } });
    const stale = await submitWriteBack(callId, form({ baseVersion: "3" }), agent, deps());
    expect(stale.ok).toBe(false);
    expect(midresults()).toHaveLength(0);
    expect(await t.db.select().from(writeBacks)).toHaveLength(0);
  });

  it("checks end after start as instants, and impossible dates", async () => {
    const bad = await submitWriteBack(
      callId,
      form({ writeStartTime: "2025-02-30T10:00:00", endCallTime: "2025-03-01T10:00:00" }),
      agent,
      deps(),
    );
    expect(bad).toMatchObject({
      ok: false,
      fieldErrors: { writeStartTime: [expect.stringContaining("not a real")] },
    });
    const before = await submitWriteBack(
      callId,
      form({ writeStartTime: "2025-11-20T10:00:30", endCallTime: "2025-11-20T10:00:29" }),
      agent,
      deps(),
    );
    expect(before).toMatchObject({ ok: false, fieldErrors: { endCallTime: [expect.any(String)] } });
    expect(midresults()).toHaveLength(0);
  });

  // Each refused case: the field is named, no row changed, nothing reached the simulator.
  const refused: [string, Record<string, unknown>, string][] = [
    ["an empty outcome", { status: "", failCode: "" }, "status"],
    ["success with no answer's code", { status: "6", failCode: "00146" }, "failCode"],
    ["failure with no code", { failCode: "" }, "failCode"],
    ["status ZZZ", { status: "ZZZ" }, "status"],
    ["status 7", { status: "7" }, "status"],
    ["failCode ZZZZZ", { failCode: "ZZZZZ" }, "failCode"],
    ["deviceType 999", { deviceType: "999" }, "deviceType"],
    ["deviceType 4", { deviceType: "4" }, "deviceType"],
    ["year 0099", { writeStartTime: "0099-11-20T10:00:30" }, "writeStartTime"],
    ["year 9999", { endCallTime: "9999-11-20T10:00:30" }, "endCallTime"],
    ["a Berlin DST gap", { writeStartTime: "2025-03-30T02:30:00", endCallTime: "" }, "writeStartTime"],
    ["baseVersion []", { baseVersion: [] }, "baseVersion"],
    ["baseVersion null", { baseVersion: null }, "baseVersion"],
    ["baseVersion empty", { baseVersion: "" }, "baseVersion"],
    ["a NUL in the call id", { callId: "C\u0000" }, "callId"],
    ["a NUL in the ASR result", { asrResult: "\u0000" }, "asrResult"],
    ["a NUL in the reason", { reason: "why\u0000" }, "reason"],
    ["a lone surrogate in the call id", { callId: "\uDC00" }, "callId"],
  ];
  it.each(refused)(
    "refuses %s: names the field, changes no row, sends nothing",
    async (_what, change, field) => {
      const snapshot = async () => ({
        calls: await t.db.select().from(calls),
        writeBacks: await t.db.select().from(writeBacks),
        versions: await t.db.select().from(callVersions),
      });
      const before = await snapshot();
      for (const who of [agent, supervisor]) {
        const result = await submitWriteBack(
          callId,
          form({ reason: who === supervisor ? "correcting" : "", ...change }),
          who,
          deps(),
        );
        expect(result).toMatchObject({ ok: false, fieldErrors: { [field]: [expect.any(String)] } });
      }
      expect(await snapshot()).toEqual(before);
      expect(sim.received()).toHaveLength(0);
    },
  );
});
