import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { ActionResult } from "@/lib/actions/result";
import { canSeeCall, isSupervisor } from "@/lib/auth/call-access";
import type { SessionUser } from "@/lib/auth/session";
import { getCall } from "@/lib/calls/queries";
import { catalogue } from "@/lib/catalogue";
import { agentMayFinalise, type Catalogue } from "@/lib/catalogue-schema";
import { type Db, getDb } from "@/lib/db";
import { DatabaseQueryError } from "@/lib/db/errors";
import { callFunction } from "@/lib/db/function-call";
import { rowFromJson } from "@/lib/db/row-from-json";
import { type Call, callVersions, users, type WriteBack, writeBacks } from "@/lib/db/schema";
import type { DeliveryReport, InlineDelivery } from "@/lib/delivery/deliver";
import { recordState } from "@/lib/delivery/metrics";
import { processInline } from "@/lib/delivery/process";
import { log, maskPhone } from "@/lib/log";
import { settings } from "@/lib/settings";
import { englishMessages, type ValidationMessages } from "@/lib/validation/messages";
import { diffOutcome, type FieldChange } from "./diff";
import {
  fieldErrorsOf,
  storedOutcomeIssues,
  type WriteBackCatalogue,
  type WriteBackFormData,
  type WriteBackFormValues,
  writeBackSchemaFor,
} from "./form-schema";
import { midresultTextFor, type Outcome, outcomeOf, outcomeToJson } from "./outcome";
import { statusAfterSend, statusOf } from "./status";
import type { WriteBackStatus } from "./status-view";

export type WriteBackField = keyof WriteBackFormValues;
export type FieldErrors = Partial<Record<WriteBackField, string[]>>;

/** A save refused because the call changed since the form was loaded: by whom, and what. */
export type ConflictInfo = {
  currentVersion: number;
  changedBy: string | null;
  changedAt: string | null;
  /** From the version the form started from to the current one. */
  changes: FieldChange[];
};

/**
 * `ok: true`: the outcome was recorded and its write-back handed to delivery; `status`
 * says where it stands (accepted at once, or queued, retrying, needing attention...).
 * `ok: false`: nothing was recorded (bad input, unknown call, changed by someone else:
 * `conflict` then says what changed).
 */
export type SubmitResult = ActionResult<
  { status: WriteBackStatus; version: number },
  { conflict?: ConflictInfo }
>;

/** What a write-back recorded earlier under the same submission id is doing: never sent again here. */
async function replay(
  db: Db,
  row: WriteBack,
  call: Call,
  messages: ValidationMessages = englishMessages,
): Promise<SubmitResult> {
  if (row.callId !== call.id) {
    return { ok: false, code: "refused", message: messages.submit.otherCall };
  }
  return { ok: true, status: await statusOf(db, row), version: row.callVersion };
}

class VersionConflict extends Error {}
/** record_write_back's refusal of a submission id already recorded (nothing was written). */
const isDuplicateSubmission = (error: unknown) =>
  error instanceof DatabaseQueryError && error.code === "PD001";

/** What record_write_back answers. */
const recordedSchema = z.discriminatedUnion("result", [
  z.object({ result: z.literal("conflict") }),
  z.object({
    result: z.literal("recorded"),
    version: z.number().int(),
    superseded: z.number().int(),
    row: z.record(z.string(), z.unknown()),
  }),
]);

type Parsed = WriteBackFormData;

/** The form's values checked against the catalogue's rules and this call, with the one schema. */
function parseFor(
  call: Call,
  input: unknown,
  catalogueOf: WriteBackCatalogue,
  now: (() => Date) | undefined,
  messages: ValidationMessages,
): { ok: true; value: Parsed } | { ok: false; fieldErrors: FieldErrors } {
  const schema = writeBackSchemaFor(
    catalogueOf,
    { fetchTime: call.fetchTime, phoneNumbers: call.phoneNumbers, ...(now ? { now } : {}) },
    messages,
  );
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error.issues) };
  return { ok: true, value: parsed.data };
}

/** What the process normally supplies; tests hand in their own database and delivery. */
export type SubmitDeps = {
  db?: Db;
  /**
   * The inline send: the write-back is recorded claimed for it and sent at once (the
   * process's processInline by default). null: recorded queued, left to the sender.
   */
  inline?: InlineDelivery | null;
  /** Zone the body's times are written in; ISALES_TIME_ZONE by default. */
  timeZone?: string;
  /**
   * How long the agent waits for iSales's first answer before being told the write-back is
   * queued (the delivery goes on meanwhile). Default: the iSales timeout plus a second.
   */
  waitMs?: number;
  /**
   * The language of the answer's messages (lib/validation/messages-locale.ts): the page's
   * for a server action; English by default.
   */
  messages?: ValidationMessages;
  /** The catalogue whose codes and rules apply; CATALOGUE_FILE's by default. */
  catalogue?: WriteBackCatalogue;
  /** The clock for "not in the future"; the real one by default. */
  now?: () => Date;
  /** Which outcomes an agent may mark final; CATALOGUE_FILE's by default. */
  finalRules?: Pick<Catalogue, "final">;
};

/** A call's outcome as a version row keeps it (times as ISO text). */
const versionValues = (call: Outcome): Record<string, string | number | null> =>
  outcomeToJson(outcomeOf(call));

/** Who changed the call since `baseVersion`, and what differs between that version and now. */
async function conflictSince(db: Db, callId: number, baseVersion: number): Promise<ConflictInfo | null> {
  const current = await getCall(db, callId);
  if (!current) return null;
  const [base] = await db
    .select({ values: callVersions.values })
    .from(callVersions)
    .where(and(eq(callVersions.callId, callId), eq(callVersions.version, baseVersion)));
  const [latest] = await db
    .select({ createdAt: callVersions.createdAt, username: users.username })
    .from(callVersions)
    .leftJoin(users, eq(users.id, callVersions.changedBy))
    .where(eq(callVersions.callId, callId))
    .orderBy(desc(callVersions.version))
    .limit(1);
  return {
    currentVersion: current.version,
    changedBy: latest?.username ?? null,
    changedAt: latest?.createdAt.toISOString() ?? null,
    // Version 0 is the call as it came, before any outcome was recorded.
    changes: diffOutcome(base?.values ?? {}, versionValues(current)),
  };
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref?.();
  });

/** Another agent's call answers exactly as a call that does not exist. */
const notFound = (messages: ValidationMessages): SubmitResult => ({
  ok: false,
  code: "not_found",
  message: messages.submit.notFound,
});

/** The call, if this user may see it (null: missing, or another agent's). */
async function visibleCall(
  database: Db,
  callRecordId: number,
  user: Pick<SessionUser, "id" | "role"> | null,
): Promise<Call | null> {
  const call = await getCall(database, callRecordId);
  return call && (user === null || canSeeCall(user, call)) ? call : null;
}

/**
 * Record an outcome for a call (an agent's, or a supervisor's correction with its reason)
 * and hand it to delivery. Record first, send after: the call's new outcome, the
 * write-back (queued) and the version row (who, why, field-by-field diff) are committed in
 * one transaction before anything goes on the network; then this process tries to deliver
 * it at once, through the same claim and lease as the background sender, so there is one
 * sending path. Whatever is not answered in time stays queued for the sender.
 */
export async function submitWriteBack(
  callRecordId: number,
  input: unknown,
  user: Pick<SessionUser, "id" | "role"> | null,
  deps: SubmitDeps = {},
): Promise<SubmitResult> {
  const msg = deps.messages ?? englishMessages;
  const database = deps.db ?? (await getDb());
  const call = await visibleCall(database, callRecordId, user);
  if (!call) return notFound(msg);

  const checked = parseFor(call, input, deps.catalogue ?? catalogue(), deps.now, msg);
  if (!checked.ok)
    return { ok: false, code: "invalid", fieldErrors: checked.fieldErrors, message: msg.submit.fixFields };
  const { submissionId, baseVersion, reason, outcome } = checked.value;
  const correcting = user !== null && isSupervisor(user);
  if (correcting && reason === "") {
    return {
      ok: false,
      code: "invalid",
      fieldErrors: { reason: [msg.writeBackMessages.reasonRequired] },
      message: msg.submit.fixFields,
    };
  }

  // A final outcome is the supervisors' to change; their correction goes as final too.
  // (A resend of what was recorded before it became final answers as that one.) A resend
  // in general is found by the recording itself: its submission id is taken.
  if (call.finalisedAt !== null && !correcting) {
    const twin = await bySubmission(database, submissionId);
    if (twin) return replay(database, twin, call, msg);
    return { ok: false, code: "refused", message: msg.finalMessages.agentAfterFinal };
  }

  return recordAndDeliver(database, call, user, deps, {
    submissionId,
    baseVersion,
    outcome,
    reason: reason || (correcting ? null : "write-back"),
    final: false,
    correcting,
  });
}

/**
 * Mark a call's current outcome final: the same outcome again, through call/result, with
 * the same delivery (recorded first, retried, in order after the call's midresults, which
 * it supersedes when they have not gone yet). An agent may do it for their own call when
 * the catalogue's `final.agentMay` admits the outcome; a supervisor for any call with an
 * outcome, giving a reason. After it an agent's send is refused.
 */
export async function finaliseWriteBack(
  callRecordId: number,
  input: { submissionId: string; baseVersion: number; reason: string },
  user: Pick<SessionUser, "id" | "role"> | null,
  deps: SubmitDeps = {},
): Promise<SubmitResult> {
  const msg = deps.messages ?? englishMessages;
  const database = deps.db ?? (await getDb());
  const call = await visibleCall(database, callRecordId, user);
  if (!call) return notFound(msg);
  const existing = await bySubmission(database, input.submissionId);
  if (existing) return replay(database, existing, call, msg);
  const supervising = user !== null && isSupervisor(user);
  if (supervising && input.reason === "")
    return {
      ok: false,
      code: "invalid",
      fieldErrors: { reason: [msg.writeBackMessages.reasonRequired] },
      message: msg.submit.fixFields,
    };
  if (call.version === 0 || call.status === null)
    return { ok: false, code: "refused", message: msg.finalMessages.noOutcome };
  if (call.finalisedAt !== null)
    return { ok: false, code: "refused", message: msg.finalMessages.alreadyFinal };
  const catalogueOf = deps.catalogue ?? catalogue();
  if (!supervising && !agentMayFinalise(deps.finalRules ?? catalogue(), call))
    return { ok: false, code: "refused", message: msg.finalMessages.agentMayNot };
  const issues = storedOutcomeIssues(
    catalogueOf,
    { fetchTime: call.fetchTime, ...(deps.now ? { now: deps.now } : {}) },
    call,
    msg,
  );
  if (issues.length > 0) {
    const fields = [...new Set(issues.map((i) => msg.fieldLabels[i.field]))];
    return { ok: false, code: "refused", message: msg.finalMessages.storedInvalid(fields) };
  }
  return recordAndDeliver(database, call, user, deps, {
    submissionId: input.submissionId,
    baseVersion: input.baseVersion,
    outcome: outcomeOf(call),
    reason: input.reason || "final",
    final: true,
    correcting: supervising,
  });
}

/**
 * Record first, send after: the call's outcome (and, for a final one, when it became
 * final), the write-back (queued) and the version row (who, why, field-by-field diff) in
 * one transaction; then this process tries to deliver it at once.
 */
async function recordAndDeliver(
  database: Db,
  call: Call,
  user: Pick<SessionUser, "id" | "role"> | null,
  deps: SubmitDeps,
  what: {
    submissionId: string;
    baseVersion: number;
    outcome: Outcome;
    reason: string | null;
    /** Mark the call final (call/result). */
    final: boolean;
    /** A supervisor: may change a final call (the change then goes through call/result). */
    correcting: boolean;
  },
): Promise<SubmitResult> {
  const msg = deps.messages ?? englishMessages;
  const { submissionId, baseVersion, outcome } = what;
  const requestBody = midresultTextFor(call, outcome, deps.timeZone ?? settings().ISALES_TIME_ZONE);

  const inline = deps.inline === undefined ? await processInline() : deps.inline;
  // Claimed for this process's send in the transaction that records it, unless iSales is
  // considered down (the breaker): then it waits queued for the sender.
  const claim = inline?.admits() ? inline : null;

  let recorded: { row: WriteBack; version: number; superseded: number };
  try {
    const after = versionValues(outcome);
    const diff = Object.fromEntries(
      diffOutcome(versionValues(call), after).map((c): [string, [unknown, unknown]] => [
        c.field,
        [c.before, c.after],
      ]),
    );
    // One statement, one round trip (drizzle/0014_write-back-functions.sql): the call's row
    // first, locked until commit, so the sender (which locks it too before claiming or
    // recording) cannot change the call's write-backs meanwhile; then the write-back,
    // claimed for the inline send unless an older one of the call is in flight; the version
    // row (who, why, the field-by-field diff) with the call's older waiting write-backs
    // superseded; the submitter's draft rebased on the new version.
    const answer = await callFunction(
      database,
      recordedSchema,
      sql`
      SELECT record_write_back(
        ${call.id}::bigint, ${baseVersion}::integer, ${what.correcting}::boolean, ${what.final}::boolean,
        ${JSON.stringify(outcomeToJson(outcome))}::jsonb, ${submissionId}::uuid, ${requestBody}::text,
        ${user?.id ?? null}::bigint, ${claim?.owner ?? null}::text, ${claim?.leaseS ?? 0}::double precision,
        ${JSON.stringify(after)}::jsonb, ${JSON.stringify(diff)}::jsonb, ${what.reason}::text) AS r`,
    );
    if (answer.result === "conflict") throw new VersionConflict();
    recorded = {
      row: rowFromJson(writeBacks, answer.row),
      version: answer.version,
      superseded: answer.superseded,
    };
  } catch (error) {
    if (isDuplicateSubmission(error) || error instanceof VersionConflict) {
      // A twin request with the same submission id may have committed first (then the
      // version moved under us too): it is the same write-back, not a conflict.
      const twin = await bySubmission(database, submissionId);
      if (twin) return replay(database, twin, call, msg);
    }
    if (error instanceof VersionConflict && !what.correcting) {
      const now = await getCall(database, call.id);
      if (now?.finalisedAt) return { ok: false, code: "refused", message: msg.finalMessages.agentAfterFinal };
    }
    if (error instanceof VersionConflict) {
      const conflict = await conflictSince(database, call.id, baseVersion);
      return {
        ok: false,
        code: "conflict",
        message: msg.submit.conflict,
        ...(conflict ? { conflict } : {}),
      };
    }
    throw error;
  }

  const { row } = recorded;
  const ids = { callRecordId: call.id, writeBackId: row.id };
  log().info({ ...ids, phone: maskPhone(outcome.phoneNumber) }, "write-back recorded");
  if (recorded.superseded > 0) recordState("superseded", recorded.superseded);

  let report: DeliveryReport | null = null;
  if (row.state === "sending" && claim) {
    // The agent waits for the answer, but not for ever: a slow iSales leaves it in flight,
    // and the page follows it until it is final.
    const delivering = claim.send(row).then(
      (r) => {
        report = r;
      },
      (error: unknown) => log().error({ ...ids, err: error }, "inline delivery failed; left to the sender"),
    );
    await Promise.race([delivering, sleep(deps.waitMs ?? settings().ISALES_TIMEOUT_MS + 1000)]);
  } else {
    inline?.queued();
  }
  const status = statusAfterSend(row, report) ?? (await statusNow(database, row));
  return { ok: true, status, version: recorded.version };
}

/** The write-back recorded under this submission id, if any. */
async function bySubmission(database: Db, submissionId: string): Promise<WriteBack | undefined> {
  const [row] = await database.select().from(writeBacks).where(eq(writeBacks.submissionId, submissionId));
  return row;
}

/** Read back, for the rare answers the send could not give (lease lost, breaker took it back). */
async function statusNow(database: Db, recorded: WriteBack): Promise<WriteBackStatus> {
  const [row] = await database.select().from(writeBacks).where(eq(writeBacks.id, recorded.id));
  return statusOf(database, row ?? recorded);
}
