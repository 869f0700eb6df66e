import type { AttemptOutcome, DeliveryState } from "@/lib/db/enums";
import type { WriteBack, WriteBackAttempt } from "@/lib/db/schema";

/**
 * Write-backs and their HTTP attempts as the browser sees them: plain JSON (dates as ISO
 * text), no database types, nothing secret. The request body is shown as it was sent.
 */
export type AttemptView = {
  id: number;
  startedAt: string;
  durationMs: number;
  outcome: AttemptOutcome;
  httpStatus: number | null;
  resultCode: string | null;
  failureReason: string | null;
  responseBody: string | null;
};

export type WriteBackView = {
  id: number;
  submissionId: string;
  createdAt: string;
  state: DeliveryState;
  /** midresult (intermediate) or result (final, call/result). */
  interface: "midresult" | "result";
  /** A confirmation: the accepted write-back (id) sent again after an uncertain older send. */
  confirms: number | null;
  requestBody: string;
  /** Newest first. */
  attempts: AttemptView[];
};

export function toAttemptView(row: WriteBackAttempt): AttemptView {
  return {
    id: row.id,
    startedAt: row.startedAt.toISOString(),
    durationMs: row.durationMs,
    outcome: row.outcome,
    httpStatus: row.httpStatus,
    resultCode: row.resultCode,
    failureReason: row.failureReason,
    responseBody: row.responseBody,
  };
}

export function toWriteBackView(row: WriteBack, attempts: WriteBackAttempt[]): WriteBackView {
  return {
    id: row.id,
    submissionId: row.submissionId,
    createdAt: row.createdAt.toISOString(),
    state: row.state,
    interface: row.interface,
    confirms: row.confirms,
    requestBody: row.requestBody,
    attempts: attempts
      .filter((a) => a.writeBackId === row.id)
      .sort((a, b) => b.id - a.id)
      .map(toAttemptView),
  };
}
