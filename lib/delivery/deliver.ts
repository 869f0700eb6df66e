import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { calls, type DeliveryState, type WriteBack, writeBackAttempts, writeBacks } from "@/lib/db/schema";
import type { IsalesClient } from "@/lib/isales/client";
import type { WriteBackOutcome, WriteBackResult } from "@/lib/isales/types";
import { log } from "@/lib/log";
import { BreakerOpenError, type DeliveryBreaker } from "./breaker";
import { claimDue, releaseClaim } from "./claim";
import { recordAttempt, recordState } from "./metrics";
import { callStateFor, classify, type DeliveryPolicy, mayRetry, retryDelayMs } from "./policy";

export type DeliveryOptions = {
  client: Pick<IsalesClient, "postWriteBack">;
  /** Which sender this is (host:pid:random); written on the lease and on each attempt. */
  owner: string;
  policy: DeliveryPolicy;
  /** The process's breaker; without one every send goes (tests of single outcomes). */
  breaker?: DeliveryBreaker;
};

/**
 * What became of one deliverOne call.
 * - sent: one HTTP attempt was made; `state` is where it left the write-back.
 * - superseded: a newer write-back of the same call exists; this one was not sent.
 * - not_claimed: not due (waits for its time, already finished), held by another sender,
 *   waiting for an older one of its call still in flight, or unknown (`state` null).
 * - breaker_open: iSales is considered down; it stays queued for the sender.
 */
export type DeliveryReport =
  | {
      result: "sent";
      writeBackId: number;
      state: "accepted" | "attention" | "retrying";
      outcome: WriteBackOutcome;
      attempts: number;
      nextAttemptAt: Date | null;
      /** False when another sender took the write-back over meanwhile (our lease ran out). */
      recorded: boolean;
    }
  | { result: "superseded"; writeBackId: number; supersededBy: number }
  | { result: "not_claimed"; writeBackId: number; state: DeliveryState | null }
  | { result: "breaker_open"; writeBackId: number };

/**
 * Deliver one write-back now, if it is due and nobody else holds it: claim it with a lease,
 * send its exact stored body, and record the attempt, its new state and the call's
 * writeBackState in one transaction. Used inline by the agent's submit (so the agent sees
 * the answer at once) and by the background sender. Never throws for iSales trouble.
 */
export async function deliverOne(
  db: Db,
  writeBackId: number,
  options: DeliveryOptions,
): Promise<DeliveryReport> {
  if (options.breaker && !options.breaker.admits()) return { result: "breaker_open", writeBackId };
  const { claimed, superseded } = await claimDue(db, options.owner, 1, {
    leaseS: options.policy.leaseS,
    onlyId: writeBackId,
  });
  const gone = superseded[0];
  if (gone) {
    recordState("superseded");
    return { result: "superseded", writeBackId, supersededBy: gone.supersededBy };
  }
  const row = claimed[0];
  if (!row) {
    const [current] = await db
      .select({ state: writeBacks.state })
      .from(writeBacks)
      .where(eq(writeBacks.id, writeBackId))
      .limit(1);
    return { result: "not_claimed", writeBackId, state: current?.state ?? null };
  }
  return sendClaimed(db, row, options);
}

/** Send a write-back this owner has claimed, and record what came back. */
export async function sendClaimed(db: Db, row: WriteBack, options: DeliveryOptions): Promise<DeliveryReport> {
  const send = () => options.client.postWriteBack(row.requestBody, row.interface);
  let result: WriteBackResult;
  try {
    result = options.breaker ? await options.breaker.run(send) : await send();
  } catch (error) {
    if (error instanceof BreakerOpenError) {
      await releaseClaim(db, row, options.owner);
      return { result: "breaker_open", writeBackId: row.id };
    }
    // The client turns every network answer into an outcome: a throw is a bug. The lease
    // runs out and the write-back is tried again; the error goes to the log.
    log().error({ err: error, writeBackId: row.id }, "write-back send threw");
    throw error;
  }
  recordAttempt(result.outcome, result.durationMs);
  return recordOutcome(db, row, result, options);
}

async function recordOutcome(
  db: Db,
  row: WriteBack,
  result: WriteBackResult,
  options: DeliveryOptions,
): Promise<DeliveryReport> {
  const { outcome } = result;
  const verdict = classify(outcome);
  const ageMs = Date.now() - row.createdAt.getTime();
  const state: "accepted" | "attention" | "retrying" =
    verdict === "accepted"
      ? "accepted"
      : verdict === "attention" || !mayRetry(row.attempts, ageMs, options.policy)
        ? "attention"
        : "retrying";
  const delayMs = state === "retrying" ? retryDelayMs(row.attempts, options.policy) : 0;
  const lastError = lastErrorLine(outcome, state, row.attempts);

  const report = await db.transaction(async (tx) => {
    // The call's row first, as the submit does, so the two never wait on each other in
    // opposite orders.
    await tx.select({ id: calls.id }).from(calls).where(eq(calls.id, row.callId)).for("update");
    await tx.insert(writeBackAttempts).values({
      writeBackId: row.id,
      callId: row.callId,
      startedAt: result.startedAt,
      durationMs: Math.round(result.durationMs),
      outcome: outcome.kind,
      httpStatus: "httpStatus" in outcome ? outcome.httpStatus : null,
      resultCode: "resultCode" in outcome ? outcome.resultCode : null,
      failureReason: outcome.kind === "no_answer" ? outcome.reason : null,
      responseBody: result.responseBody,
      sender: options.owner,
    });
    const [updated] = await tx
      .update(writeBacks)
      .set({
        state,
        nextAttemptAt:
          state === "retrying" ? sql`now() + make_interval(secs => ${delayMs / 1000})` : sql`now()`,
        leaseOwner: null,
        leaseUntil: null,
        lastOutcome: outcome.kind,
        lastHttpStatus: "httpStatus" in outcome ? outcome.httpStatus : null,
        lastResultCode: "resultCode" in outcome ? outcome.resultCode : null,
        lastError,
        finishedAt: state === "retrying" ? null : sql`now()`,
      })
      .where(
        and(
          eq(writeBacks.id, row.id),
          eq(writeBacks.leaseOwner, options.owner),
          eq(writeBacks.state, "sending"),
        ),
      )
      .returning({ attempts: writeBacks.attempts, nextAttemptAt: writeBacks.nextAttemptAt });
    if (!updated) return { recorded: false, attempts: row.attempts, nextAttemptAt: null };
    // Only the call's latest write-back speaks for the call.
    const newest = sql`not exists (select 1 from ${writeBacks} where ${writeBacks.callId} = ${row.callId} and ${gt(writeBacks.id, row.id)})`;
    await tx
      .update(calls)
      .set({ writeBackState: callStateFor(state, outcome), updatedAt: new Date() })
      .where(and(eq(calls.id, row.callId), newest));
    // The newest accepted while an older send of the call got no answer (timed out, or the
    // connection broke after sending): iSales may still apply that older body after this
    // one, and midresult keeps whatever it applied last. Send the newest once more after a
    // quiet period (a queued confirmation, superseded like any write-back if a newer one
    // comes), so iSales ends on the latest outcome. A confirmation asks for none itself.
    if (state === "accepted" && row.confirms === null) {
      const quietS = (options.policy.confirmAfterMs ?? 30_000) / 1000;
      await tx.execute(sql`
        INSERT INTO write_backs (call_id, submission_id, interface, request_body, call_version,
                                 state, next_attempt_at, confirms)
        SELECT ${row.callId}, gen_random_uuid(), ${row.interface}, ${row.requestBody}, ${row.callVersion},
               'queued', now() + make_interval(secs => ${quietS}), ${row.id}
        WHERE ${newest} AND EXISTS (
          SELECT 1 FROM write_back_attempts a JOIN write_backs o ON o.id = a.write_back_id
          WHERE o.call_id = ${row.callId} AND o.id < ${row.id} AND a.outcome = 'no_answer'
            AND coalesce(a.failure_reason, '') NOT IN ('refused', 'dns')
            AND a.started_at > now() - interval '1 hour')`);
    }
    return {
      recorded: true,
      attempts: updated.attempts,
      nextAttemptAt: state === "retrying" ? updated.nextAttemptAt : null,
    };
  });

  if (report.recorded) recordState(state);
  else
    log().warn({ writeBackId: row.id, outcome: outcome.kind }, "write-back answered after its lease ran out");
  log().info(
    {
      writeBackId: row.id,
      callRecordId: row.callId,
      outcome: outcome.kind,
      state,
      attempts: report.attempts,
    },
    "write-back attempt",
  );
  return { result: "sent", writeBackId: row.id, state, outcome, ...report };
}

/** A short line for the supervisor's list: what happened, never a secret or a number. */
function lastErrorLine(outcome: WriteBackOutcome, state: string, attempts: number): string | null {
  const what = (() => {
    switch (outcome.kind) {
      case "accepted":
        return null;
      case "refused":
        return `iSales refused it (result ${outcome.resultCode})`;
      case "http_error":
        return `iSales answered HTTP ${outcome.httpStatus}`;
      case "no_answer":
        return `no answer from iSales (${outcome.reason})`;
      case "invalid_answer":
        return `iSales's answer could not be read (HTTP ${outcome.httpStatus})`;
    }
  })();
  if (what === null) return null;
  if (state === "attention" && classify(outcome) === "transient")
    return `${what}; gave up after ${attempts} attempts`;
  return what;
}
