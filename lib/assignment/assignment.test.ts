import { eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { calls } from "@/lib/db/schema";
import { type TestDatabase, testBackends } from "@/test/support/databases";
import { quietSettings } from "@/test/support/delivery";
import { assignCalls, takeNextCall } from "./assignment";

quietSettings();

async function agent(db: TestDatabase["db"], username: string): Promise<number> {
  const created = await createUser(db, { username, password: `${username}-password-1`, role: "agent" });
  if (!created.ok) throw new Error(created.message);
  return created.value.id;
}

async function poolCall(db: TestDatabase["db"], uniqueId: string, createdAt: Date): Promise<number> {
  const [row] = await db
    .insert(calls)
    .values({
      subCcNo: 1,
      vdnId: 1,
      serviceId: "T1",
      uniqueId,
      phoneNumbers: ["100"],
      fetchTime: createdAt,
      createdAt,
    })
    .returning({ id: calls.id });
  if (!row) throw new Error("no call");
  return row.id;
}

describe.each(testBackends())("assignment on $kind", (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await backend.open();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it("two agents pressing at the same moment get two different calls, oldest first", async () => {
    const db = database.db;
    const a = await agent(db, "take-a");
    const b = await agent(db, "take-b");
    const base = Date.parse("2025-01-01T00:00:00Z");
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push(await poolCall(db, `pool-${i}`, new Date(base + i * 1000)));
    // Many rounds of simultaneous presses: never the same call twice.
    const taken: (number | null)[] = [];
    for (let round = 0; round < 3; round++) {
      const pair = await Promise.all([takeNextCall(db, a), takeNextCall(db, b)]);
      expect(pair[0]).not.toBeNull();
      expect(pair[0]).not.toBe(pair[1]);
      taken.push(...pair);
    }
    expect(new Set(taken).size).toBe(6);
    // The two oldest went in the first round.
    expect(new Set(taken.slice(0, 2))).toEqual(new Set(ids.slice(0, 2)));
    expect(await takeNextCall(db, a)).toBeNull();
    const owners = await db.select({ id: calls.id, to: calls.assignedTo }).from(calls);
    expect(owners.filter((o) => o.to === a).length + owners.filter((o) => o.to === b).length).toBe(6);
  });

  it("twenty agents at once on one call: exactly one gets it", async () => {
    const db = database.db;
    const agents: number[] = [];
    for (let i = 0; i < 20; i++) agents.push(await agent(db, `crowd-${i}`));
    const only = await poolCall(db, "the-only-one", new Date());
    const results = await Promise.all(agents.map((id) => takeNextCall(db, id)));
    expect(results.filter((r) => r === only)).toHaveLength(1);
    expect(results.filter((r) => r === null)).toHaveLength(19);
  });

  it("a supervisor assigns calls to an active agent and returns them to the pool; a non-agent is refused", async () => {
    const db = database.db;
    await agent(db, "assignee");
    const one = await poolCall(db, "assign-1", new Date());
    const two = await poolCall(db, "assign-2", new Date());
    expect(await assignCalls(db, { ids: [one, two] }, { kind: "agent", username: "assignee" })).toEqual({
      ok: true,
      changed: 2,
    });
    const refused = await assignCalls(db, { ids: [one] }, { kind: "agent", username: "nobody-here" });
    expect(refused.ok).toBe(false);
    expect(await assignCalls(db, { where: eq(calls.uniqueId, "assign-1") }, { kind: "pool" })).toEqual({
      ok: true,
      changed: 1,
    });
    const pool = await db.select({ id: calls.id }).from(calls).where(isNull(calls.assignedTo));
    expect(pool.map((p) => p.id)).toContain(one);
    expect(pool.map((p) => p.id)).not.toContain(two);
  });
});
