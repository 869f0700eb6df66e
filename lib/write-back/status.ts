import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { type WriteBack, writeBackAttempts, writeBacks } from "@/lib/db/schema";
import type { DeliveryReport } from "@/lib/delivery/deliver";
import { describeOutcome, outcomeFromRecord } from "@/lib/isales/outcome-messages";
import { isFinal, type WriteBackStatus } from "./status-view";

/** One write-back's status for the browser, or null when there is no such write-back. */
export async function loadWriteBackStatus(
  db: Db,
  writeBackId: number,
): Promise<(WriteBackStatus & { callId: number; userId: number | null }) | null> {
  const [row] = await db.select().from(writeBacks).where(eq(writeBacks.id, writeBackId));
  if (!row) return null;
  return { ...(await statusOf(db, row)), callId: row.callId, userId: row.userId };
}

export async function statusOf(db: Db, row: WriteBack): Promise<WriteBackStatus> {
  const [latest] = await db
    .select()
    .from(writeBackAttempts)
    .where(eq(writeBackAttempts.writeBackId, row.id))
    .orderBy(desc(writeBackAttempts.id))
    .limit(1);
  const outcome = latest ? outcomeFromRecord(latest) : null;
  return {
    id: row.id,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.state === "retrying" ? row.nextAttemptAt.toISOString() : null,
    final: isFinal(row.state),
    message: outcome ? describeOutcome(outcome) : null,
    resultCode: latest?.resultCode ?? null,
    httpStatus: latest?.httpStatus ?? null,
  };
}

/**
 * The status as the inline send left it, without reading back what was just written: the
 * row as recorded (claimed, or queued behind an older one), and the send's report when it
 * came in time. Null when only the database can tell (the send lost its lease, the breaker
 * took the claim back).
 */
export function statusAfterSend(row: WriteBack, report: DeliveryReport | null): WriteBackStatus | null {
  const base = { id: row.id, resultCode: null, httpStatus: null, message: null, nextAttemptAt: null };
  if (report === null)
    return { ...base, state: row.state, attempts: row.attempts, final: isFinal(row.state) };
  if (report.result !== "sent" || !report.recorded) return null;
  const { outcome } = report;
  const httpStatus = "httpStatus" in outcome ? outcome.httpStatus : null;
  const resultCode = "resultCode" in outcome ? outcome.resultCode : null;
  // As statusOf reads it from the attempt row: the same fields, the same words.
  const recorded = outcomeFromRecord({
    outcome: outcome.kind,
    httpStatus,
    resultCode,
    failureReason: outcome.kind === "no_answer" ? outcome.reason : null,
    responseBody: outcome.kind === "invalid_answer" ? outcome.bodyExcerpt : null,
  });
  return {
    ...base,
    state: report.state,
    attempts: report.attempts,
    nextAttemptAt: report.nextAttemptAt?.toISOString() ?? null,
    final: isFinal(report.state),
    message: recorded ? describeOutcome(recorded) : null,
    resultCode,
    httpStatus,
  };
}
