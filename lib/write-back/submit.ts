import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { canSeeCall } from "@/lib/auth/call-access";
import type { SessionUser } from "@/lib/auth/session";
import { getCall } from "@/lib/calls/queries";
import { type Db, getDb } from "@/lib/db";
import {
  type Call,
  calls,
  callVersions,
  type DeliveryState,
  type WriteBack,
  type WriteBackState,
  writeBackAttempts,
  writeBacks,
} from "@/lib/db/schema";
import { buildMidresultBody, serializeMidresultBody } from "@/lib/isales/body";
import { getIsalesClient, type IsalesClient } from "@/lib/isales/client";
import { describeOutcome, outcomeFromRecord } from "@/lib/isales/outcome-messages";
import type { OutcomeMessage, WriteBackOutcome, WriteBackResult } from "@/lib/isales/types";
import { log, maskPhone } from "@/lib/log";
import { settings } from "@/lib/settings";
import { type AttemptView, toAttemptView, toWriteBackView, type WriteBackView } from "./attempt-view";
import { type WriteBackFormValues, writeBackFormSchema } from "./form-schema";
import { localToInstant } from "./local-time";

export type WriteBackField = keyof WriteBackFormValues;
export type FieldErrors = Partial<Record<WriteBackField, string[]>>;

/**
 * `ok: true`: the write-back was recorded and sent, and `message` says in plain words how
 * iSales answered (accepted, refused, or could not be reached). `ok: false`: nothing was
 * sent (bad input, unknown call, changed by someone else), or it was recorded but could not
 * be sent; `writeBack` is there whenever a record exists.
 */
export type SubmitResult =
  | { ok: true; attempt: AttemptView; writeBack: WriteBackView; message: OutcomeMessage; version: number }
  | { ok: false; fieldErrors?: FieldErrors; message: string; writeBack?: WriteBackView; version?: number };

const fixFields = "Some fields need attention: see the messages beside them.";

/** The call's list state and the write-back's delivery state after one answer. */
function statesAfter(kind: WriteBackOutcome["kind"]): { call: WriteBackState; delivery: DeliveryState } {
  if (kind === "accepted") return { call: "accepted", delivery: "accepted" };
  // Until durable delivery (next issue) retries on its own, every other answer waits for
  // a person: the agent sees it at once and may send again.
  return { call: kind === "refused" ? "refused" : "failed", delivery: "attention" };
}

/** What a write-back recorded earlier under the same submission id answered. */
async function replay(db: Db, row: WriteBack, version: number): Promise<SubmitResult> {
  const attempts = await db
    .select()
    .from(writeBackAttempts)
    .where(eq(writeBackAttempts.writeBackId, row.id))
    .orderBy(desc(writeBackAttempts.id));
  const view = toWriteBackView(row, attempts);
  const latest = attempts[0];
  const outcome = latest ? outcomeFromRecord(latest) : null;
  if (!latest || !outcome) {
    return {
      ok: false,
      message: "This outcome is saved and is still being sent to iSales. Look at the history in a moment.",
      writeBack: view,
      version,
    };
  }
  return {
    ok: true,
    attempt: toAttemptView(latest),
    writeBack: view,
    message: describeOutcome(outcome),
    version,
  };
}

class VersionConflict extends Error {}
class DuplicateSubmission extends Error {}

type Parsed = {
  submissionId: string;
  baseVersion: number;
  outcome: {
    status: string | null;
    failCode: string | null;
    asrResult: string | null;
    deviceType: number | null;
    phoneNumber: string;
    callId: string | null;
    writeStartTime: Date | null;
    endCallTime: Date | null;
  };
};

/** The form's values checked against the schema and against this call. */
function parseFor(
  call: Call,
  input: unknown,
): { ok: true; value: Parsed } | { ok: false; fieldErrors: FieldErrors } {
  const parsed = writeBackFormSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "") as WriteBackField;
      fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
    }
    return { ok: false, fieldErrors };
  }
  const form = parsed.data;
  const fieldErrors: FieldErrors = {};
  if (!call.phoneNumbers.includes(form.phoneNumber)) {
    fieldErrors.phoneNumber = ["Number dialled: choose one of this call's numbers"];
  }
  const instant = (field: "writeStartTime" | "endCallTime", label: string): Date | null => {
    if (form[field] === "") return null;
    const at = localToInstant(form[field], form.timeZone);
    if (!at) fieldErrors[field] = [`${label}: this is not a real date and time`];
    return at;
  };
  const writeStartTime = instant("writeStartTime", "Call started");
  const endCallTime = instant("endCallTime", "Call ended");
  // Again as instants: in the hour a DST change repeats, the wall-clock text can mislead.
  if (writeStartTime && endCallTime && endCallTime < writeStartTime) {
    fieldErrors.endCallTime = ["Call ended: must not be before the call started"];
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return {
    ok: true,
    value: {
      submissionId: form.submissionId,
      baseVersion: form.baseVersion,
      outcome: {
        status: form.status || null,
        failCode: form.failCode || null,
        asrResult: form.asrResult || null,
        deviceType: form.deviceType === "" ? null : Number(form.deviceType),
        phoneNumber: form.phoneNumber,
        callId: form.callId || null,
        writeStartTime,
        endCallTime,
      },
    },
  };
}

const forVersion = (o: Parsed["outcome"]): Record<string, string | number | null> => ({
  ...o,
  writeStartTime: o.writeStartTime?.toISOString() ?? null,
  endCallTime: o.endCallTime?.toISOString() ?? null,
});

/** What the process normally supplies; tests hand in their own database and client. */
export type SubmitDeps = {
  db?: Db;
  client?: Pick<IsalesClient, "postWriteBack">;
  /** Zone the body's times are written in; ISALES_TIME_ZONE by default. */
  timeZone?: string;
};

/**
 * Record an agent's outcome for a call and write it back to iSales (midresult). Record
 * first, send after: the call's new outcome and the write-back are committed in one
 * transaction before anything goes on the network, so a crash between the two leaves a
 * recorded write-back to deliver, never a send nobody knows of.
 */
export async function submitWriteBack(
  callRecordId: number,
  input: unknown,
  user: Pick<SessionUser, "id" | "role"> | null,
  deps: SubmitDeps = {},
): Promise<SubmitResult> {
  const database = deps.db ?? (await getDb());
  const call = await getCall(database, callRecordId);
  // Another agent's call answers exactly as a call that does not exist.
  if (!call || (user !== null && !canSeeCall(user, call)))
    return { ok: false, message: "This call does not exist (any more). Go back to the list." };

  const checked = parseFor(call, input);
  if (!checked.ok) return { ok: false, fieldErrors: checked.fieldErrors, message: fixFields };
  const { submissionId, baseVersion, outcome } = checked.value;

  const [existing] = await database
    .select()
    .from(writeBacks)
    .where(eq(writeBacks.submissionId, submissionId));
  if (existing) {
    if (existing.callId !== call.id) {
      return {
        ok: false,
        message: "This submission belongs to another call. Reload the page and send again.",
      };
    }
    return replay(database, existing, call.version);
  }

  const requestBody = serializeMidresultBody(
    buildMidresultBody(
      {
        subCCNo: call.subCcNo,
        vdnId: call.vdnId,
        uniqueId: call.uniqueId,
        serviceId: call.serviceId,
        fetchTime: call.fetchTime,
        ...outcome,
      },
      deps.timeZone ?? settings().ISALES_TIME_ZONE,
    ),
  );

  const owner = `web:${process.pid}`;
  let recorded: { row: WriteBack; version: number };
  try {
    recorded = await database.transaction(async (tx) => {
      const now = new Date();
      const updated = await tx
        .update(calls)
        .set({
          ...outcome,
          writeBackState: "pending",
          lastWriteBackAt: now,
          updatedAt: now,
          version: sql`${calls.version} + 1`,
        })
        .where(and(eq(calls.id, call.id), eq(calls.version, baseVersion)))
        .returning({ version: calls.version });
      const version = updated[0]?.version;
      if (version === undefined) throw new VersionConflict();
      const inserted = await tx
        .insert(writeBacks)
        .values({
          callId: call.id,
          submissionId,
          interface: "midresult",
          requestBody,
          callVersion: version,
          userId: user?.id ?? null,
          // Sent right here: the lease keeps a sender from sending it a second time, and
          // runs out (so a sender takes over) if this process dies before the answer.
          state: "sending",
          leaseOwner: owner,
          leaseUntil: new Date(now.getTime() + settings().ISALES_TIMEOUT_MS + 30_000),
        })
        .onConflictDoNothing({ target: writeBacks.submissionId })
        .returning();
      const row = inserted[0];
      // A twin request with the same submission id committed first: roll back, answer as it.
      if (!row) throw new DuplicateSubmission();
      const before: Record<string, unknown> = forVersion({
        status: call.status,
        failCode: call.failCode,
        asrResult: call.asrResult,
        deviceType: call.deviceType,
        phoneNumber: call.phoneNumber ?? "",
        callId: call.callId,
        writeStartTime: call.writeStartTime,
        endCallTime: call.endCallTime,
      });
      const after = forVersion(outcome);
      const diff = Object.fromEntries(
        Object.entries(after)
          .filter(([k, v]) => before[k] !== v)
          .map(([k, v]): [string, [unknown, unknown]] => [k, [before[k] ?? null, v]]),
      );
      await tx.insert(callVersions).values({
        callId: call.id,
        version,
        values: after,
        diff,
        changedBy: user?.id ?? null,
        reason: "write-back",
        writeBackId: row.id,
      });
      return { row, version };
    });
  } catch (error) {
    if (error instanceof DuplicateSubmission) {
      const [twin] = await database
        .select()
        .from(writeBacks)
        .where(eq(writeBacks.submissionId, submissionId));
      if (twin) return replay(database, twin, call.version);
    }
    if (error instanceof VersionConflict) {
      return {
        ok: false,
        message:
          "Someone else changed this call's outcome after you opened it. Reload the page to see it, then send yours again.",
      };
    }
    throw error;
  }

  const ids = { callRecordId: call.id, writeBackId: recorded.row.id };
  log().info({ ...ids, phone: maskPhone(outcome.phoneNumber) }, "write-back recorded, sending");

  let result: WriteBackResult;
  try {
    result = await (deps.client ?? getIsalesClient()).postWriteBack(requestBody, "midresult");
  } catch (error) {
    // The client turns every network answer into an outcome; a throw is a bug or a bad
    // setting. The record stays, and its lease runs out for delivery to take it over.
    log().error({ ...ids, err: error }, "write-back could not be sent");
    return {
      ok: false,
      message:
        "Your outcome is saved but could not be sent to iSales yet. Tell your supervisor if this goes on.",
      writeBack: toWriteBackView(recorded.row, []),
      version: recorded.version,
    };
  }

  const answer = result.outcome;
  const states = statesAfter(answer.kind);
  const finished = new Date(result.startedAt.getTime() + result.durationMs);
  const { attemptRow, writeBackRow } = await database.transaction(async (tx) => {
    const [attemptRow] = await tx
      .insert(writeBackAttempts)
      .values({
        writeBackId: recorded.row.id,
        callId: call.id,
        startedAt: result.startedAt,
        durationMs: Math.round(result.durationMs),
        outcome: answer.kind,
        httpStatus: "httpStatus" in answer ? answer.httpStatus : null,
        resultCode: "resultCode" in answer ? answer.resultCode : null,
        failureReason: answer.kind === "no_answer" ? answer.reason : null,
        responseBody: result.responseBody,
        sender: owner,
      })
      .returning();
    const [writeBackRow] = await tx
      .update(writeBacks)
      .set({
        state: states.delivery,
        attempts: sql`${writeBacks.attempts} + 1`,
        leaseOwner: null,
        leaseUntil: null,
        lastOutcome: answer.kind,
        lastHttpStatus: "httpStatus" in answer ? answer.httpStatus : null,
        lastResultCode: "resultCode" in answer ? answer.resultCode : null,
        lastError: answer.kind === "no_answer" ? answer.reason : null,
        finishedAt: finished,
      })
      .where(eq(writeBacks.id, recorded.row.id))
      .returning();
    // Only the call's newest write-back decides its state: a slow answer to an older one
    // must not overwrite a newer one's.
    await tx
      .update(calls)
      .set({ writeBackState: states.call, updatedAt: new Date() })
      .where(
        and(
          eq(calls.id, call.id),
          sql`not exists (select 1 from ${writeBacks} wb where wb.call_id = ${call.id} and wb.id > ${recorded.row.id})`,
        ),
      );
    return { attemptRow, writeBackRow };
  });
  if (!attemptRow) throw new Error("write_back_attempts insert returned no row");

  log().info({ ...ids, outcome: answer.kind, durationMs: result.durationMs }, "write-back answered");
  return {
    ok: true,
    attempt: toAttemptView(attemptRow),
    writeBack: toWriteBackView(writeBackRow ?? recorded.row, [attemptRow]),
    message: describeOutcome(answer),
    version: recorded.version,
  };
}
