import "server-only";
import { and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { calls, users } from "@/lib/db/schema";

const takenSchema = z.object({ rows: z.array(z.object({ id: z.coerce.number() })) });

/**
 * Give the pool's oldest unworked call to this agent, or null when the pool is empty. One
 * statement: the inner SELECT locks its row FOR UPDATE SKIP LOCKED, so two agents pressing
 * at the same moment lock two different rows (the second skips the first's, never waits
 * on it), and `assigned_to IS NULL` again in the outer WHERE makes a row another statement
 * took in between count as gone rather than be taken twice.
 */
export async function takeNextCall(db: Db, agentId: number): Promise<number | null> {
  const result = takenSchema.parse(
    await db.execute(sql`UPDATE ${calls} SET assigned_to = ${agentId}, updated_at = now()
      WHERE id = (
        SELECT c.id FROM ${calls} c
        WHERE c.assigned_to IS NULL AND c.write_back_state = 'none'
        ORDER BY c.created_at, c.id
        LIMIT 1
        FOR UPDATE SKIP LOCKED
      ) AND assigned_to IS NULL
      RETURNING id`),
  );
  return result.rows[0]?.id ?? null;
}

/** How many calls wait in the pool for an agent to take them. */
export async function poolSize(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(calls)
    .where(and(isNull(calls.assignedTo), eq(calls.writeBackState, "none")));
  return row?.n ?? 0;
}

export type AssignTarget = { kind: "agent"; username: string } | { kind: "pool" };

/** A refusal names its reason and the agent, for the page to say in the user's language; `message` is English. */
export type AssignResult =
  | { ok: true; changed: number }
  | { ok: false; reason: "no_agent"; username: string; message: string };

/** An active user with the agent role, by name; calls are only ever given to agents. */
export async function findActiveAgent(db: Db, username: string): Promise<{ id: number } | null> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.username, username), eq(users.role, "agent"), eq(users.disabled, false)));
  return row ?? null;
}

/**
 * Give calls to an agent, or return them to the pool: the listed ids, or every call a
 * condition matches (the review filter). The target is checked here, on the server.
 */
export async function assignCalls(
  db: Db,
  which: { ids: readonly number[] } | { where: SQL | undefined },
  target: AssignTarget,
): Promise<AssignResult> {
  let assignedTo: number | null = null;
  if (target.kind === "agent") {
    const agent = await findActiveAgent(db, target.username);
    if (!agent)
      return {
        ok: false,
        reason: "no_agent",
        username: target.username,
        message: `There is no active agent named ${target.username}.`,
      };
    assignedTo = agent.id;
  }
  if ("ids" in which && which.ids.length === 0) return { ok: true, changed: 0 };
  const where = "ids" in which ? inArray(calls.id, [...which.ids]) : which.where;
  const changed = await db
    .update(calls)
    .set({ assignedTo, updatedAt: new Date() })
    .where(where)
    .returning({ id: calls.id });
  return { ok: true, changed: changed.length };
}

/** Active agents, for the assign menu. */
export async function listActiveAgents(db: Db): Promise<{ id: number; username: string }[]> {
  return db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(and(eq(users.role, "agent"), eq(users.disabled, false)))
    .orderBy(users.username);
}
