import "server-only";
import { randomUUID } from "node:crypto";
import { and, count, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import {
  type BulkJob,
  type BulkJobKind,
  bulkJobs,
  type Call,
  calls,
  type DeliveryState,
  writeBacks,
} from "@/lib/db/schema";
import { type Translate, translatorFrom } from "@/lib/i18n/translate";
import { englishMessages, type ValidationMessages } from "@/lib/validation/messages";
import { storedOutcomeIssues, type WriteBackCatalogue } from "@/lib/write-back/form-schema";
import { midresultTextFor, outcomeOf } from "@/lib/write-back/outcome";
import enReview from "@/messages/en/review.json";

/** Calls a bulk re-send takes: their last write-back failed or was refused, and they have an outcome to send. */
export const resendableStates = ["failed", "refused"] as const;
const SAMPLE_SIZE = 3;
const CHUNK = 500;

/** The exact midresult body of the call's current outcome, from its stored fields (lib/isales/body.ts). */
export function bodyForCall(call: Call, timeZone: string): string {
  return midresultTextFor(call, outcomeOf(call), timeZone);
}

/**
 * The dry run's reasons for leaving a call out, from a translator of "review.skip" and the
 * field names of lib/validation/messages.ts: the review's action passes the supervisor's
 * language (the dry run is kept as it was said, for the one who asked), the rest English.
 */
export function makeSkipTexts(t: Translate, fields: ValidationMessages = englishMessages) {
  return {
    noOutcome: t("noOutcome"),
    breaksRules: (names: readonly string[]) => t("breaksRules", { fields: names.join(t("listSeparator")) }),
    alreadyFinal: t("alreadyFinal"),
    onItsWay: t("onItsWay"),
    notFailed: (state: string) => t("notFailed", { state }),
    gone: t("gone"),
    fieldLabels: fields.fieldLabels,
  };
}
export type SkipTexts = ReturnType<typeof makeSkipTexts>;
const englishSkipTexts: SkipTexts = makeSkipTexts(translatorFrom("en", enReview, "review.skip"));

/**
 * Why a chosen call is left out of a bulk job, or null when it goes. A re-send takes calls
 * whose last write-back failed or was refused; a finalise takes any call with a valid
 * outcome that is not final yet (a midresult still on its way is superseded by it).
 */
function skipReason(
  call: Call,
  catalogue: WriteBackCatalogue,
  kind: BulkJobKind,
  text: SkipTexts,
): string | null {
  if (call.version === 0 || call.phoneNumber === null) return text.noOutcome;
  // A stored outcome is sent again only when it still meets the catalogue's rules.
  const issues = storedOutcomeIssues(catalogue, { fetchTime: call.fetchTime }, call);
  if (issues.length > 0) return text.breaksRules([...new Set(issues.map((i) => text.fieldLabels[i.field]))]);
  if (kind === "finalise") return call.finalisedAt === null ? null : text.alreadyFinal;
  if (!(resendableStates as readonly string[]).includes(call.writeBackState))
    return call.writeBackState === "pending" ? text.onItsWay : text.notFailed(call.writeBackState);
  return null;
}

async function loadCalls(db: Db, ids: readonly number[]): Promise<Call[]> {
  const out: Call[] = [];
  for (let start = 0; start < ids.length; start += CHUNK) {
    out.push(
      ...(await db
        .select()
        .from(calls)
        .where(inArray(calls.id, ids.slice(start, start + CHUNK)))),
    );
  }
  const order = new Map(ids.map((id, i) => [id, i]));
  return out.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

/**
 * The dry run: which of the chosen calls would be re-sent, how many by state and task, why
 * the others are left out, and the exact bodies of a few. Kept as a draft bulk job, so the
 * Send that follows sends these calls (those still eligible then), and the page can be left.
 */
export async function planBulk(
  db: Db,
  input: {
    callIds: readonly number[];
    selection: string;
    userId: number;
    timeZone: string;
    catalogue: WriteBackCatalogue;
    /** resend (the default) or finalise. */
    kind?: BulkJobKind;
    /** The words of the reasons left out (English by default). */
    skipTexts?: SkipTexts;
  },
): Promise<BulkJob> {
  const text = input.skipTexts ?? englishSkipTexts;
  const kind = input.kind ?? "resend";
  const chosen = await loadCalls(db, input.callIds);
  const byState: Record<string, number> = {};
  const byTask: Record<string, number> = {};
  const skipped: Record<string, number> = {};
  const eligible: Call[] = [];
  for (const call of chosen) {
    const why = skipReason(call, input.catalogue, kind, text);
    if (why) {
      skipped[why] = (skipped[why] ?? 0) + 1;
      continue;
    }
    eligible.push(call);
    byState[call.writeBackState] = (byState[call.writeBackState] ?? 0) + 1;
    byTask[call.serviceId] = (byTask[call.serviceId] ?? 0) + 1;
  }
  const missing = input.callIds.length - chosen.length;
  if (missing > 0) skipped[text.gone] = missing;
  const [job] = await db
    .insert(bulkJobs)
    .values({
      createdBy: input.userId,
      kind,
      callIds: eligible.map((c) => c.id),
      selection: input.selection,
      summary: { byState, byTask, skipped },
      sample: eligible
        .slice(0, SAMPLE_SIZE)
        .map((c) => ({ callId: c.id, body: bodyForCall(c, input.timeZone) })),
    })
    .returning();
  if (!job) throw new Error("bulk_jobs insert returned no row");
  return job;
}

export async function getBulkJob(db: Db, id: number): Promise<BulkJob | null> {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const [job] = await db.select().from(bulkJobs).where(eq(bulkJobs.id, id));
  return job ?? null;
}

export type SendBulkResult = { ok: true; queued: number } | { ok: false; message: string };

/**
 * Send a dry run: one new write-back per call that is still eligible (a re-send: failed or
 * refused; a finalise: not final yet, and it becomes final), carrying the call's current
 * outcome through midresult (re-send) or call/result (finalise), recorded with the
 * supervisor and tagged with the job, queued for the sender (not sent here: the caller
 * wakes it). One transaction: the job is sent whole or not at all, and a second Send of
 * the same job finds it no longer a draft.
 */
export async function sendBulk(
  db: Db,
  input: { bulkId: number; userId: number; reason: string; timeZone: string; catalogue: WriteBackCatalogue },
): Promise<SendBulkResult> {
  return db.transaction(async (tx) => {
    const [job] = await tx
      .update(bulkJobs)
      .set({ state: "sent", reason: input.reason, sentAt: new Date() })
      .where(and(eq(bulkJobs.id, input.bulkId), eq(bulkJobs.state, "draft")))
      .returning();
    if (!job) return { ok: false, message: "This re-send was already sent or discarded." };
    let queued = 0;
    for (let start = 0; start < job.callIds.length; start += CHUNK) {
      const ids = job.callIds.slice(start, start + CHUNK);
      // Locked, and checked again: a call corrected or sent since the dry run is left out.
      const finalise = job.kind === "finalise";
      const rows = await tx
        .select()
        .from(calls)
        .where(
          and(
            inArray(calls.id, ids),
            finalise ? isNull(calls.finalisedAt) : inArray(calls.writeBackState, [...resendableStates]),
          ),
        )
        .for("update");
      const ready = rows.filter((c) => skipReason(c, input.catalogue, job.kind, englishSkipTexts) === null);
      if (ready.length === 0) continue;
      const now = new Date();
      await tx.insert(writeBacks).values(
        ready.map((call) => ({
          callId: call.id,
          submissionId: randomUUID(),
          // A call already final (corrected since) goes through call/result in any case.
          interface: finalise || call.finalisedAt !== null ? ("result" as const) : ("midresult" as const),
          requestBody: bodyForCall(call, input.timeZone),
          callVersion: call.version,
          userId: input.userId,
          state: "queued" as const,
          bulkId: job.id,
        })),
      );
      await tx
        .update(calls)
        .set({
          writeBackState: "pending",
          lastWriteBackAt: now,
          updatedAt: now,
          ...(finalise ? { finalisedAt: now } : {}),
        })
        .where(
          inArray(
            calls.id,
            ready.map((c) => c.id),
          ),
        );
      queued += ready.length;
    }
    await tx.update(bulkJobs).set({ queued }).where(eq(bulkJobs.id, job.id));
    return { ok: true, queued };
  });
}

export async function discardBulk(db: Db, bulkId: number): Promise<boolean> {
  const rows = await db
    .update(bulkJobs)
    .set({ state: "discarded" })
    .where(and(eq(bulkJobs.id, bulkId), eq(bulkJobs.state, "draft")))
    .returning({ id: bulkJobs.id });
  return rows.length > 0;
}

export type BulkProgress = {
  total: number;
  byState: Partial<Record<DeliveryState, number>>;
  /** Nothing of the batch is waiting or being sent any more. */
  done: boolean;
};

/** Where a sent batch stands, from its write-backs. */
export async function bulkProgress(db: Db, bulkId: number): Promise<BulkProgress> {
  const rows = await db
    .select({ state: writeBacks.state, n: count() })
    .from(writeBacks)
    .where(eq(writeBacks.bulkId, bulkId))
    .groupBy(writeBacks.state);
  const byState: Partial<Record<DeliveryState, number>> = {};
  let total = 0;
  for (const r of rows) {
    byState[r.state] = r.n;
    total += r.n;
  }
  const waiting = (byState.queued ?? 0) + (byState.sending ?? 0) + (byState.retrying ?? 0);
  return { total, byState, done: waiting === 0 };
}

/** Recent bulk jobs, newest first, for the review page's list. */
export async function recentBulkJobs(db: Db, limit = 5): Promise<BulkJob[]> {
  return db.select().from(bulkJobs).orderBy(sql`${bulkJobs.createdAt} desc`).limit(limit);
}
