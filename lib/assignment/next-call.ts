import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { calls, users } from "@/lib/db/schema";
import { takeNextCall } from "./assignment";

/**
 * The agent's next call after the one they are on: their own next open call (nothing
 * written back yet), the one after it in the list's order (by id, wrapping round to the
 * first), else the pool's oldest, taken for them atomically (takeNextCall). null when
 * they have no other open call and the pool is empty.
 */
/**
 * The agent's next open call of their own after this one (wrapping round), or null. The
 * call page asks it as it renders, so "Next call" can open it without asking the server
 * first; only when the agent has none left is one taken from the pool (nextCallFor).
 */
export async function nextOwnCallId(db: Db, agentId: number, currentCallId: number): Promise<number | null> {
  const [own] = await db
    .select({ id: calls.id })
    .from(calls)
    .where(and(eq(calls.assignedTo, agentId), eq(calls.writeBackState, "none"), ne(calls.id, currentCallId)))
    .orderBy(sql`${calls.id} > ${currentCallId} desc`, calls.id)
    .limit(1);
  return own?.id ?? null;
}

export async function nextCallFor(
  db: Db,
  agentId: number,
  currentCallId: number,
): Promise<{ callId: number; from: "own" | "pool" } | null> {
  const own = await nextOwnCallId(db, agentId, currentCallId);
  if (own !== null) return { callId: own, from: "own" };
  const taken = await takeNextCall(db, agentId);
  return taken === null ? null : { callId: taken, from: "pool" };
}

/** The user's auto-advance choice (users.auto_advance). */
export async function autoAdvanceOf(db: Db, userId: number): Promise<boolean> {
  const [row] = await db.select({ on: users.autoAdvance }).from(users).where(eq(users.id, userId));
  return row?.on ?? false;
}

export async function setAutoAdvance(db: Db, userId: number, on: boolean): Promise<void> {
  await db.update(users).set({ autoAdvance: on, updatedAt: new Date() }).where(eq(users.id, userId));
}
