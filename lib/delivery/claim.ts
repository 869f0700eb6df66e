import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { callFunction } from "@/lib/db/function-call";
import { rowFromJson } from "@/lib/db/row-from-json";
import { type WriteBack, writeBacks } from "@/lib/db/schema";

export type ClaimResult = {
  /** Claimed by this owner: state sending, leased until leaseUntil, attempts already counted. */
  claimed: WriteBack[];
  /** Found due but a newer write-back of the same call exists: marked superseded, never sent. */
  superseded: { id: number; supersededBy: number }[];
};

/** What claim_write_backs answers. */
const claimAnswer = z.object({
  claimed: z.array(z.record(z.string(), z.unknown())),
  superseded: z.array(z.object({ id: z.number(), supersededBy: z.number().nullable() })),
});

/**
 * Claim up to `limit` due write-backs for `owner` (or just `onlyId`), in one statement (the
 * function claim_write_backs, drizzle/0014_write-back-functions.sql, whose steps each read
 * what was committed when they start): one round trip where the transaction took six.
 *
 * 1. lock due write-backs (waiting: queued, or retrying whose time has come; or a sender's
 *    whose lease ran out, it crashed or hung; database time throughout, so the app
 *    servers' clocks do not matter), oldest first, `FOR UPDATE SKIP LOCKED`: another
 *    sender's claims are skipped, never waited on, never taken twice;
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
  const answer = await callFunction(
    db,
    claimAnswer,
    sql`
    SELECT claim_write_backs(${owner}::text, ${limit}::integer, ${options.leaseS}::double precision,
                             ${options.onlyId ?? null}::bigint) AS r`,
  );
  return {
    claimed: answer.claimed.map((row) => rowFromJson(writeBacks, row)),
    superseded: answer.superseded.map((s) => ({ id: s.id, supersededBy: s.supersededBy ?? 0 })),
  };
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
