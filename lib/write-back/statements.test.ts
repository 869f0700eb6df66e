import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

// settings() is read lazily: give it a valid environment before anything asks for it.
process.env.ISALES_BASE_URL ??= "http://127.0.0.1:9";
process.env.ISALES_TOKEN ??= "demo-token";
process.env.LOG_LEVEL = "silent";

const { testBackends } = await import("@/test/support/databases");
const { inlineFor, sceneForm, seedWriteBackScene, simToken } = await import("@/test/support/delivery");
const { startSimulator } = await import("@/tools/isales-sim/server");
const { submitWriteBack } = await import("./submit");

type Sim = Awaited<ReturnType<typeof startSimulator>>;
type TestDb = Awaited<ReturnType<ReturnType<typeof testBackends>[number]["open"]>>;

const form = sceneForm;

/**
 * What one submission costs the database (issue 12): every statement the database layer
 * sends from the moment the agent's values arrive to the answer, counted through the
 * layer's own observer, BEGIN and COMMIT included: each is a round trip. The path: the call
 * is read; the outcome recorded and the write-back claimed for the inline send in one
 * statement (record_write_back, drizzle/0014_write-back-functions.sql: a transaction of its
 * own); iSales's answer recorded in one more (record_write_back_attempt). Before issue 12:
 * 27 statements in 3 transactions; then 8 in 2 (12 round trips); now 3.
 */
describe.each(testBackends())("statements per submission on $kind", ({ open }) => {
  let t: TestDb;
  let sim: Sim;
  let seen: string[] = [];
  let counting = false;

  beforeAll(async () => {
    t = await open({ onStatement: (sql) => counting && seen.push(sql) });
    sim = await startSimulator({ port: 0, fixedTokens: [simToken] });
  });
  afterAll(async () => {
    await sim?.close();
    await t?.destroy();
  });
  beforeEach(() => {
    sim.reset();
    seen = [];
  });

  const tally = () => {
    const control = (s: string) => /^\s*(begin|commit|rollback)\b/i.test(s);
    return {
      statements: seen.filter((s) => !control(s)).length,
      transactions: seen.filter((s) => /^\s*begin\b/i.test(s)).length,
    };
  };

  it("an accepted write-back: three round trips, no explicit transaction", async () => {
    const { agent, callId } = await seedWriteBackScene(t.db);
    counting = true;
    const result = await submitWriteBack(callId, form(), agent, {
      db: t.db,
      inline: inlineFor(t.db, sim),
      timeZone: "Asia/Shanghai",
      waitMs: 5000,
    });
    counting = false;
    expect(result.ok && result.status.state).toBe("accepted");
    const { statements, transactions } = tally();
    console.log(`round trips per accepted submission: ${seen.length} (${statements} statements)`);
    expect(transactions).toBe(0);
    expect(seen.length).toBe(3);
    expect(seen[1]).toMatch(/record_write_back\(/);
    expect(seen[2]).toMatch(/record_write_back_attempt\(/);
  });
});
