import "server-only";
import { and, eq, gt, inArray, lt, lte, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/lib/db";
import { calls, type WriteBack, writeBacks } from "@/lib/db/schema";

/** The transaction handle drizzle gives inside db.transaction(). */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type ClaimResult = {
  /** Claimed by this owner: state sending, leased until leaseUntil, attempts already counted. */
  claimed: WriteBack[];
  /** Found due but a newer write-back of the same call exists: marked superseded, never sent. */
  superseded: { id: number; supersededBy: number }[];
};

const older = alias(writeBacks, "older");

/**
 * Due: waiting (queued, or retrying whose time has come), or claimed by a sender whose
 * lease ran out (it crashed or hung). Database time throughout, so the app servers' clocks
 * do not matter.
 */
const due = or(
  and(inArray(writeBacks.state, ["queued", "retrying"]), lte(writeBacks.nextAttemptAt, sql`now()`)),
  and(eq(writeBacks.state, "sending"), lt(writeBacks.leaseUntil, sql`now()`)),
);

/**
 * Claim up to `limit` due write-backs for `owner` (or just `onlyId`), in one transaction:
 *
 * 1. lock due write-backs, oldest first, `FOR UPDATE SKIP LOCKED`: another sender's
 *    claims are skipped, never waited on, never taken twice;
 * 2. lock their calls, again SKIP LOCKED: one claim per call at a time, and none while a
 *    submission for the call is being recorded (it updates the call's row), so a newer
 *    write-back is either seen here or is recorded after this claim commits;
 * 3. a due write-back with a newer one for its call is superseded, not sent: midresult
 *    overwrites, so the older must never arrive after the newer;
 * 4. the rest is leased, unless an older write-back of the same call is still in flight
 *    (sending, lease not run out): then it waits, so a call's write-backs go in order.
 */
export async function claimDue(
  db: Db,
  owner: string,
  limit: number,
  options: { leaseS: number; onlyId?: number },
): Promise<ClaimResult> {
  return db.transaction(async (tx) => {
    const where = options.onlyId === undefined ? due : and(eq(writeBacks.id, options.onlyId), due);
    const candidates = await tx
      .select({ id: writeBacks.id, callId: writeBacks.callId })
      .from(writeBacks)
      .where(where)
      .orderBy(writeBacks.id)
      .limit(limit)
      .for("update", { skipLocked: true });
    if (candidates.length === 0) return { claimed: [], superseded: [] };

    const callIds = [...new Set(candidates.map((c) => c.callId))];
    const lockedCalls = await tx
      .select({ id: calls.id })
      .from(calls)
      .where(inArray(calls.id, callIds))
      .for("update", { skipLocked: true });
    const locked = new Set(lockedCalls.map((c) => c.id));
    const ids = candidates.filter((c) => locked.has(c.callId)).map((c) => c.id);
    if (ids.length === 0) return { claimed: [], superseded: [] };

    const superseded = await tx
      .update(writeBacks)
      .set({
        state: "superseded",
        supersededBy: sql`(select max(n.id) from write_backs n where n.call_id = ${writeBacks.callId} and n.id > ${writeBacks.id})`,
        finishedAt: sql`now()`,
        leaseOwner: null,
        leaseUntil: null,
      })
      .where(
        and(
          inArray(writeBacks.id, ids),
          sql`exists (select 1 from write_backs n where n.call_id = ${writeBacks.callId} and n.id > ${writeBacks.id})`,
        ),
      )
      .returning({ id: writeBacks.id, supersededBy: writeBacks.supersededBy });
    const gone = new Set(superseded.map((s) => s.id));
    const rest = ids.filter((id) => !gone.has(id));

    const claimed =
      rest.length === 0
        ? []
        : await tx
            .update(writeBacks)
            .set({
              state: "sending",
              leaseOwner: owner,
              leaseUntil: sql`now() + make_interval(secs => ${options.leaseS})`,
              attempts: sql`${writeBacks.attempts} + 1`,
            })
            .where(
              and(
                inArray(writeBacks.id, rest),
                notExists(
                  tx
                    .select({ one: sql`1` })
                    .from(older)
                    .where(
                      and(
                        eq(older.callId, writeBacks.callId),
                        lt(older.id, writeBacks.id),
                        eq(older.state, "sending"),
                        gt(older.leaseUntil, sql`now()`),
                      ),
                    ),
                ),
              ),
            )
            .returning();
    claimed.sort((a, b) => a.id - b.id);
    return {
      claimed,
      superseded: superseded.map((s) => ({ id: s.id, supersededBy: s.supersededBy ?? 0 })),
    };
  });
}

/**
 * Give back a claim that was not used (the breaker refused the send): as it was before,
 * its attempt not counted. Only while this owner still holds it.
 */
export async function releaseClaim(db: Db, row: WriteBack, owner: string): Promise<void> {
  await db
    .update(writeBacks)
    .set({
      state: row.attempts > 1 ? "retrying" : "queued",
      attempts: sql`greatest(${writeBacks.attempts} - 1, 0)`,
      leaseOwner: null,
      leaseUntil: null,
    })
    .where(and(eq(writeBacks.id, row.id), eq(writeBacks.leaseOwner, owner), eq(writeBacks.state, "sending")));
}
