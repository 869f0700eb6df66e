import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

process.env.ISALES_BASE_URL ??= "http://127.0.0.1:9";
process.env.ISALES_TOKEN ??= "demo-token";
process.env.LOG_LEVEL = "silent";

const { testBackends } = await import("@/test/support/databases");
const { seedWriteBackScene } = await import("@/test/support/delivery");
const { loadDraft, saveDraft, saveDraftUnlessNewer } = await import("./drafts");

type TestDb = Awaited<ReturnType<ReturnType<typeof testBackends>[number]["open"]>>;

/**
 * A draft typed on a device while the server was away arrives late (issue 14): it is kept
 * when the server's draft is older than when it was typed, and otherwise the server's
 * newer draft stands and is handed back; never overwritten silently.
 */
describe.each(testBackends())("a late device draft on $kind", ({ open }) => {
  let t: TestDb;
  let scene: Awaited<ReturnType<typeof seedWriteBackScene>>;
  beforeAll(async () => {
    t = await open();
  }, 60_000);
  afterAll(() => t?.destroy());
  beforeEach(async () => {
    scene = await seedWriteBackScene(t.db);
  });

  it("is kept when the server's draft is older than the device's change", async () => {
    const { agent, callId } = scene;
    const serverAt = await saveDraft(t.db, callId, agent.id, { callId: "SERVER", baseVersion: "0" });
    const typedAt = new Date(serverAt.getTime() + 5_000);
    const result = await saveDraftUnlessNewer(
      t.db,
      callId,
      agent.id,
      { callId: "DEVICE", baseVersion: "0" },
      typedAt,
    );
    expect(result.kept).toBe(true);
    expect((await loadDraft(t.db, callId, agent.id))?.values).toEqual({ callId: "DEVICE", baseVersion: "0" });
  });

  it("is kept when the server has no draft", async () => {
    const { agent, callId } = scene;
    const result = await saveDraftUnlessNewer(
      t.db,
      callId,
      agent.id,
      { callId: "DEVICE", baseVersion: "0" },
      new Date("2025-01-01T00:00:00Z"),
    );
    expect(result.kept).toBe(true);
    expect((await loadDraft(t.db, callId, agent.id))?.values.callId).toBe("DEVICE");
  });

  it("is dropped for the server's draft when that one was changed after it", async () => {
    const { agent, callId } = scene;
    const serverAt = await saveDraft(t.db, callId, agent.id, { callId: "ELSEWHERE", baseVersion: "0" });
    const typedAt = new Date(serverAt.getTime() - 60_000);
    const result = await saveDraftUnlessNewer(
      t.db,
      callId,
      agent.id,
      { callId: "DEVICE", baseVersion: "0" },
      typedAt,
    );
    expect(result).toMatchObject({
      kept: false,
      newer: { values: { callId: "ELSEWHERE", baseVersion: "0" } },
    });
    expect((await loadDraft(t.db, callId, agent.id))?.values.callId).toBe("ELSEWHERE");
  });

  it("touches only the user's own draft", async () => {
    const { agent, agent2, callId } = scene;
    await saveDraft(t.db, callId, agent2.id, { callId: "OTHER-AGENT", baseVersion: "0" });
    await saveDraftUnlessNewer(t.db, callId, agent.id, { callId: "MINE", baseVersion: "0" }, new Date(0));
    expect((await loadDraft(t.db, callId, agent2.id))?.values.callId).toBe("OTHER-AGENT");
    expect((await loadDraft(t.db, callId, agent.id))?.values.callId).toBe("MINE");
  });
});
