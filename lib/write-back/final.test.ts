import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

// settings() is read lazily: give it a valid environment before anything asks for it.
process.env.ISALES_BASE_URL ??= "http://127.0.0.1:9";
process.env.ISALES_TOKEN ??= "demo-token";
process.env.LOG_LEVEL = "silent";

const { calls, callVersions, writeBacks } = await import("@/lib/db/schema");
const { testBackends } = await import("@/test/support/databases");
const { deliverOne } = await import("@/lib/delivery/deliver");
const { clientFor, inlineFor, sceneForm, seedWriteBackScene, simToken, tinyPolicy } = await import(
  "@/test/support/delivery"
);
const { startSimulator } = await import("@/tools/isales-sim/server");
const { finaliseWriteBack, submitWriteBack } = await import("./submit");
const { agentMayFinalise, catalogueSchema } = await import("@/lib/catalogue-schema");
const { catalogue } = await import("@/lib/catalogue");
const { planBulk, sendBulk } = await import("@/lib/review/bulk");

type Sim = Awaited<ReturnType<typeof startSimulator>>;
type TestDb = Awaited<ReturnType<ReturnType<typeof testBackends>[number]["open"]>>;

// The scene's call, a wrong number: an outcome an agent may mark final.
const form = (extra: Record<string, unknown> = {}) =>
  sceneForm({ timeZone: "Asia/Shanghai", failCode: "00538", ...extra });

describe("the catalogue's final rules", () => {
  const cat = { final: { agentMay: [{ status: "6" }, { status: "5", failCodes: ["00538"] }] } };
  it("admits the listed outcomes and nothing else", () => {
    expect(agentMayFinalise(cat, { status: "6", failCode: "00000" })).toBe(true);
    expect(agentMayFinalise(cat, { status: "5", failCode: "00538" })).toBe(true);
    expect(agentMayFinalise(cat, { status: "5", failCode: "00145" })).toBe(false);
    expect(agentMayFinalise(cat, { status: "5", failCode: null })).toBe(false);
    expect(agentMayFinalise(cat, { status: null, failCode: null })).toBe(false);
    expect(agentMayFinalise({ final: { agentMay: [] } }, { status: "6", failCode: "00000" })).toBe(false);
  });
  it("refuses rules that name a status or code the catalogue does not have", () => {
    const base = {
      statuses: [{ code: "6", label: "Succeeded" }],
      failCodes: [{ code: "00000", meaning: "Succeeded" }],
      deviceTypes: [{ code: 5, label: "Preview" }],
    };
    const bad = catalogueSchema.safeParse({
      ...base,
      final: { agentMay: [{ status: "9" }, { status: "6", failCodes: ["12345"] }] },
    });
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(paths).toEqual(expect.arrayContaining(["final.agentMay.0.status", "final.agentMay.1.failCodes"]));
    // Without rules of its own a catalogue gets the defaults, whose codes it may lack.
    const plain = catalogueSchema.parse(base);
    expect(agentMayFinalise(plain, { status: "6", failCode: "00000" })).toBe(true);
    expect(agentMayFinalise(plain, { status: "5", failCode: "00145" })).toBe(false);
  });
});

describe.each(testBackends())("final results (call/result) on $kind", ({ open }) => {
  let t: TestDb;
  let sim: Sim;
  let callId: number;
  let agent: { id: number; role: "agent" };
  let agent2: { id: number; role: "agent" };
  let supervisor: { id: number; role: "supervisor" };

  const deliver = (id: number) =>
    deliverOne(t.db, id, { client: clientFor(sim), owner: "test-web", policy: tinyPolicy });
  const deps = (extra: Record<string, unknown> = {}) => ({
    db: t.db,
    inline: inlineFor(t.db, sim),
    timeZone: "Asia/Shanghai",
    waitMs: 5000,
    ...extra,
  });
  const received = (iface: "midresult" | "result") => sim.received().filter((r) => r.interface === iface);
  const callRow = async () => (await t.db.select().from(calls).where(eq(calls.id, callId)))[0];
  const finalise = (user: { id: number; role: "agent" | "supervisor" }, reason = "", extra = {}) =>
    callRow().then((c) =>
      finaliseWriteBack(callId, { submissionId: randomUUID(), baseVersion: c?.version ?? 0, reason }, user, {
        ...deps(),
        ...extra,
      }),
    );

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

  it("an agent marks a wrong number final: call/result gets exactly the midresult's body, after it", async () => {
    const sent = await submitWriteBack(callId, form(), agent, deps());
    expect(sent.ok && sent.status.state).toBe("accepted");
    const result = await finalise(agent);
    expect(result.ok && result.status.state).toBe("accepted");
    const [mid] = received("midresult");
    const finals = received("result");
    expect(finals).toHaveLength(1);
    expect(finals[0]?.bodyText).toBe(mid?.bodyText);
    expect(finals[0]?.seq).toBeGreaterThan(mid?.seq ?? Number.POSITIVE_INFINITY);
    const call = await callRow();
    expect(call?.finalisedAt).toBeInstanceOf(Date);
    expect(call).toMatchObject({ version: 2, writeBackState: "accepted" });
    const rows = await t.db.select().from(writeBacks).orderBy(writeBacks.id);
    expect(rows.map((r) => [r.interface, r.state])).toEqual([
      ["midresult", "accepted"],
      ["result", "accepted"],
    ]);
    const versions = await t.db.select().from(callVersions).orderBy(callVersions.version);
    expect(versions.at(-1)).toMatchObject({ version: 2, reason: "final", changedBy: agent.id, diff: {} });
  });

  it("after it, the agent's send is refused with nothing recorded; a supervisor's correction goes as final", async () => {
    await submitWriteBack(callId, form(), agent, deps());
    await finalise(agent);
    const before = (await t.db.select().from(writeBacks)).length;
    const refused = await submitWriteBack(
      callId,
      form({ baseVersion: "2", failCode: "00129" }),
      agent,
      deps(),
    );
    expect(refused).toMatchObject({ ok: false, code: "refused" });
    expect(!refused.ok && refused.message).toMatch(/final/);
    expect(await t.db.select().from(writeBacks)).toHaveLength(before);
    expect((await callRow())?.failCode).toBe("00538");

    const corrected = await submitWriteBack(
      callId,
      form({ baseVersion: "2", failCode: "00129", reason: "empty, not wrong" }),
      supervisor,
      deps(),
    );
    expect(corrected.ok && corrected.status.state).toBe("accepted");
    expect(received("result")).toHaveLength(2);
    expect(received("result")[1]?.bodyText).toContain('"failCode":"00129"');
    expect(received("midresult")).toHaveLength(1);
  });

  it("refuses an agent an outcome the catalogue does not admit, and a second finalise; a supervisor needs a reason", async () => {
    await submitWriteBack(callId, form({ failCode: "00145" }), agent, deps());
    const busy = await finalise(agent);
    expect(busy).toMatchObject({ ok: false, code: "refused" });
    expect((await callRow())?.finalisedAt).toBeNull();
    const noReason = await finalise(supervisor);
    expect(noReason).toMatchObject({ ok: false, code: "invalid" });
    expect(!noReason.ok && noReason.fieldErrors?.reason?.[0]).toMatch(/Reason/);
    const bySupervisor = await finalise(supervisor, "customer asked not to be called");
    expect(bySupervisor.ok).toBe(true);
    const again = await finalise(supervisor, "twice");
    expect(again).toMatchObject({ ok: false, code: "refused" });
    expect(received("result")).toHaveLength(1);
  });

  it("refuses a call with no outcome, another agent's call (as not found), and a moved version", async () => {
    expect(await finalise(agent)).toMatchObject({ ok: false, code: "refused" });
    await submitWriteBack(callId, form(), agent, deps());
    expect(await finalise(agent2)).toMatchObject({ ok: false, code: "not_found" });
    const stale = await finaliseWriteBack(
      callId,
      { submissionId: randomUUID(), baseVersion: 0, reason: "" },
      agent,
      deps(),
    );
    expect(stale).toMatchObject({ ok: false, code: "conflict" });
    expect(received("result")).toHaveLength(0);
    expect((await callRow())?.finalisedAt).toBeNull();
  });

  it("the same finalise sent twice is one write-back", async () => {
    await submitWriteBack(callId, form(), agent, deps());
    const input = { submissionId: randomUUID(), baseVersion: 1, reason: "" };
    const first = await finaliseWriteBack(callId, input, agent, deps());
    const twin = await finaliseWriteBack(callId, input, agent, deps());
    expect(first.ok && twin.ok).toBe(true);
    expect(received("result")).toHaveLength(1);
    expect((await t.db.select().from(writeBacks)).filter((r) => r.interface === "result")).toHaveLength(1);
  });

  it("a final recorded while the call's midresult still waits supersedes it: iSales never gets the older after the newer", async () => {
    // iSales down: the midresult stays queued, then the final is recorded behind it.
    const held = await submitWriteBack(callId, form(), agent, deps({ inline: null }));
    expect(held.ok && held.status.state).toBe("queued");
    const result = await finalise(agent, "", { inline: null });
    expect(result.ok).toBe(true);
    const rows = await t.db.select().from(writeBacks).orderBy(writeBacks.id);
    for (const r of rows) await deliver(r.id);
    const after = await t.db.select().from(writeBacks).orderBy(writeBacks.id);
    expect(after.map((r) => [r.interface, r.state])).toEqual([
      ["midresult", "superseded"],
      ["result", "accepted"],
    ]);
    expect(received("midresult")).toHaveLength(0);
    expect(received("result")).toHaveLength(1);
  });

  it("a supervisor's bulk finalise: the dry run leaves out calls without an outcome or already final, Send queues call/result", async () => {
    await submitWriteBack(callId, form({ failCode: "00145" }), agent, deps());
    const [bare] = await t.db
      .insert(calls)
      .values({
        subCcNo: 1,
        vdnId: 88,
        serviceId: "TASK-A",
        uniqueId: "CUST-2",
        phoneNumbers: ["13800000002"],
        fetchTime: new Date("2025-11-20T01:15:00Z"),
        assignedTo: agent.id,
      })
      .returning();
    const plan = await planBulk(t.db, {
      callIds: [callId, bare?.id ?? 0],
      selection: "2 selected",
      userId: supervisor.id,
      timeZone: "Asia/Shanghai",
      catalogue: catalogue(),
      kind: "finalise",
    });
    expect(plan).toMatchObject({ kind: "finalise", callIds: [callId] });
    expect(plan.summary.skipped).toEqual({ "no outcome recorded yet": 1 });
    expect(received("result")).toHaveLength(0);

    const sent = await sendBulk(t.db, {
      bulkId: plan.id,
      userId: supervisor.id,
      reason: "campaign closed",
      timeZone: "Asia/Shanghai",
      catalogue: catalogue(),
    });
    expect(sent).toEqual({ ok: true, queued: 1 });
    expect((await callRow())?.finalisedAt).toBeInstanceOf(Date);
    for (const r of await t.db.select().from(writeBacks)) await deliver(r.id);
    const finals = received("result");
    expect(finals).toHaveLength(1);
    expect(finals[0]?.bodyText).toBe(received("midresult")[0]?.bodyText);

    // The agent can no longer change it; a second plan leaves it out as final.
    const refused = await submitWriteBack(callId, form({ baseVersion: "1" }), agent, deps());
    expect(refused).toMatchObject({ ok: false, code: "refused" });
    const again = await planBulk(t.db, {
      callIds: [callId],
      selection: "1 selected",
      userId: supervisor.id,
      timeZone: "Asia/Shanghai",
      catalogue: catalogue(),
      kind: "finalise",
    });
    expect(again.summary.skipped).toEqual({ "already final": 1 });
  });
});
