import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { calls } from "@/lib/db/schema";
import { type TestDatabase, testBackends } from "@/test/support/databases";
import { quietSettings } from "@/test/support/delivery";
import { autoAdvanceOf, nextCallFor, setAutoAdvance } from "./next-call";

quietSettings();

describe.each(testBackends())("the next call on $kind", (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await backend.open();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  async function agent(username: string): Promise<number> {
    const created = await createUser(database.db, {
      username,
      password: `${username}-password-1`,
      role: "agent",
    });
    if (!created.ok) throw new Error(created.message);
    return created.value.id;
  }

  async function call(uniqueId: string, assignedTo: number | null): Promise<number> {
    const [row] = await database.db
      .insert(calls)
      .values({
        subCcNo: 1,
        vdnId: 1,
        serviceId: "NEXT",
        uniqueId,
        phoneNumbers: ["100"],
        fetchTime: new Date(),
        assignedTo,
      })
      .returning({ id: calls.id });
    if (!row) throw new Error("no call");
    return row.id;
  }

  it("goes to the agent's next open call after this one, wraps round, skips done and others' calls, then takes from the pool", async () => {
    const db = database.db;
    const me = await agent("next-me");
    const other = await agent("next-other");
    const a = await call("next-a", me);
    const done = await call("next-done", me);
    await db.update(calls).set({ writeBackState: "accepted" }).where(eq(calls.id, done));
    const theirs = await call("next-theirs", other);
    const b = await call("next-b", me);
    const c = await call("next-c", me);

    expect(await nextCallFor(db, me, 0)).toEqual({ callId: a, from: "own" });
    expect(await nextCallFor(db, me, a)).toEqual({ callId: b, from: "own" });
    expect(await nextCallFor(db, me, b)).toEqual({ callId: c, from: "own" });
    // After the last, round to the first; never the call the agent is on.
    expect(await nextCallFor(db, me, c)).toEqual({ callId: a, from: "own" });
    expect([a, b, c]).not.toContain(theirs);

    // Only the current call left open: the pool's oldest, taken for this agent.
    await db.update(calls).set({ writeBackState: "accepted" }).where(eq(calls.id, a));
    await db.update(calls).set({ writeBackState: "pending" }).where(eq(calls.id, b));
    const pooled = await call("next-pool", null);
    const next = await nextCallFor(db, me, c);
    expect(next).toEqual({ callId: pooled, from: "pool" });
    const [row] = await db.select({ to: calls.assignedTo }).from(calls).where(eq(calls.id, pooled));
    expect(row?.to).toBe(me);
  });

  it("keeps the auto-advance choice on the user's account, off by default", async () => {
    const me = await agent("auto-me");
    expect(await autoAdvanceOf(database.db, me)).toBe(false);
    await setAutoAdvance(database.db, me, true);
    expect(await autoAdvanceOf(database.db, me)).toBe(true);
    await setAutoAdvance(database.db, me, false);
    expect(await autoAdvanceOf(database.db, me)).toBe(false);
  });
});
