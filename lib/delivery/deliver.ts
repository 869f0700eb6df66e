import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { callFunction } from "@/lib/db/function-call";
import { type DeliveryState, type WriteBack, writeBacks } from "@/lib/db/schema";
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

/**
 * How a submit sends its own write-back at once. The submit claims the row itself, in the
 * transaction that records it (state sending, leased to `owner`), so the background sender
 * can never take it first; then `send` delivers it and records the outcome.
 */
export type InlineDelivery = {
  owner: string;
  leaseS: number;
  /** Whether a send would go now (the breaker): if not, the write-back is recorded queued. */
  admits(): boolean;
  /** Send a write-back this owner has claimed, and record what came back. */
  send(row: WriteBack): Promise<DeliveryReport>;
  /** A write-back was recorded queued (not claimed): the sender should look for it. */
  queued(): void;
};

/** The inline delivery over these options (tests hand in their own; the process has processInline). */
export function inlineDelivery(
  db: Db,
  options: DeliveryOptions,
  queued: () => void = () => {},
): InlineDelivery {
  return {
    owner: options.owner,
    leaseS: options.policy.leaseS,
    admits: () => options.breaker?.admits() ?? true,
    send: (row) => sendClaimed(db, row, options),
    queued,
  };
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

  const httpStatus = "httpStatus" in outcome ? outcome.httpStatus : null;
  const resultCode = "resultCode" in outcome ? outcome.resultCode : null;
  // One statement, one round trip (drizzle/0014_write-back-functions.sql): the call's row
  // locked first, as the submit does, so the two never wait on each other in opposite
  // orders; then the attempt; the write-back's new state while this owner still holds it;
  // the call's state when it is the call's newest write-back; a confirmation when the
  // newest is accepted while an older send of the call got no answer (iSales may still
  // apply that older body after this one, and midresult keeps whatever it applied last, so
  // the newest goes once more after a quiet period, superseded like any write-back if a
  // newer one comes; a confirmation asks for none itself); the submitter's draft ended.
  const updated = await callFunction(
    db,
    attemptSchema,
    sql`
    SELECT record_write_back_attempt(
      ${row.id}::bigint, ${row.callId}::bigint, ${options.owner}::text, ${state}::text,
      ${delayMs / 1000}::double precision, ${result.startedAt.toISOString()}::timestamptz,
      ${Math.round(result.durationMs)}::integer, ${outcome.kind}::text, ${httpStatus}::integer,
      ${resultCode}::text, ${outcome.kind === "no_answer" ? outcome.reason : null}::text,
      ${result.responseBody}::text, ${lastError}::text, ${callStateFor(state, outcome)}::text,
      ${state === "accepted" && row.confirms === null}::boolean, ${row.interface}::text,
      ${row.requestBody}::text, ${row.callVersion}::integer,
      ${(options.policy.confirmAfterMs ?? 30_000) / 1000}::double precision, ${row.userId}::bigint) AS r`,
  );
  const report = updated
    ? {
        recorded: true,
        attempts: updated.attempts,
        nextAttemptAt: state === "retrying" ? asDate(updated.next_attempt_at) : null,
      }
    : { recorded: false, attempts: row.attempts, nextAttemptAt: null };

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

/** What record_write_back_attempt answers: null when the lease was lost. */
const attemptSchema = z.nullable(z.object({ attempts: z.number().int(), next_attempt_at: z.unknown() }));

/** A timestamp from a raw statement: a Date from both drivers, text if a driver changes its mind. */
const asDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));

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
