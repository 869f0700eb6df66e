import { afterAll, beforeAll, describe, expect, it } from "vitest";

// settings() is read lazily: give it a valid environment before anything asks for it.
process.env.ISALES_BASE_URL ??= "http://127.0.0.1:9";
process.env.ISALES_TOKEN ??= "demo-token";
process.env.LOG_LEVEL = "silent";

const { writeBacks } = await import("@/lib/db/schema");
const { testBackends } = await import("@/test/support/databases");
const { sceneForm, seedWriteBackScene } = await import("@/test/support/delivery");
const { submitWriteBack } = await import("@/lib/write-back/submit");
const { overviewOutcomes } = await import("./queries");

type TestDb = Awaited<ReturnType<ReturnType<typeof testBackends>[number]["open"]>>;

/**
 * The overview reads a range's outcomes from its write-backs alone (lib/overview/queries.ts):
 * each write-back must carry the task and the outcome it was recorded with, copied in the
 * same transaction by the trigger of migration 0013. Recorded through the real send, so a
 * change of the order of its statements that breaks the copy fails here.
 */
describe.each(testBackends())("each write-back carries its outcome, on $kind", ({ open }) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await open();
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("the send and the correction each copy the outcome they send; the mix counts the latest", async () => {
    const { agent, supervisor, callId } = await seedWriteBackScene(t.db);
    const deps = { db: t.db, deliver: async () => undefined, timeZone: "Asia/Shanghai", waitMs: 0 };
    const form = (extra: Record<string, unknown>) => sceneForm({ timeZone: "Asia/Shanghai", ...extra });

    const first = await submitWriteBack(
      callId,
      form({ baseVersion: "0", status: "5", failCode: "00145" }),
      agent,
      deps,
    );
    expect(first.ok).toBe(true);
    const second = await submitWriteBack(
      callId,
      form({ baseVersion: "1", status: "5", failCode: "00538", reason: "wrong number, not busy" }),
      supervisor,
      deps,
    );
    expect(second.ok).toBe(true);
    const rows = await t.db.select().from(writeBacks).orderBy(writeBacks.id);
    expect(
      rows.map((r) => [r.serviceId, r.status, r.failCode, r.writeStartTime?.toISOString(), r.callVersion]),
    ).toEqual([
      ["TASK-A", "5", "00145", "2025-11-20T02:00:30.000Z", 1],
      ["TASK-A", "5", "00538", "2025-11-20T02:00:30.000Z", 2],
    ]);
    const mix = await overviewOutcomes(t.db, {
      from: new Date(Date.now() - 60_000),
      to: new Date(Date.now() + 60_000),
    });
    expect(mix.statuses).toEqual([{ code: "5", count: 1 }]);
    expect(mix.failCodes).toEqual([{ code: "00538", count: 1 }]);
  });
});
