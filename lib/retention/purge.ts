import "server-only";
import { and, asc, count, eq, gt, inArray, isNotNull, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import {
  bulkJobs,
  calls,
  callVersions,
  drafts,
  erasures,
  importJobs,
  pullRejects,
  writeBackAttempts,
  writeBacks,
} from "@/lib/db/schema";

/**
 * Personal data kept only as long as needed (issue 11). RETENTION_DAYS after a call's final
 * write-back was accepted, its phone numbers and call data are erased wherever they are
 * kept: the call (numbers, call data, caller number, number dialled; the phone-number search
 * rows follow by trigger), its drafts, the request bodies of its write-backs, the answers
 * kept with its attempts, the number in its outcome versions, and bulk re-send samples. Ids,
 * outcomes, codes and times stay, for reporting. Imports' previews and rejected pulled
 * records older than the retention go too. Each erasure is recorded (table erasures: what,
 * when, from which time), never the values.
 *
 * "Final write-back accepted": the call's newest write-back is accepted (a later correction
 * starts the clock again), its time that write-back's finish. Off when the days are 0.
 */

export type PurgeCounts = {
  /** Calls whose personal data was (or would be) erased. */
  calls: number;
  phoneNumbers: number;
  callData: number;
  drafts: number;
  writeBackBodies: number;
  attemptAnswers: number;
  versions: number;
  bulkSamples: number;
  importPreviews: number;
  pulledRecords: number;
};

export type PurgeReport = { retentionDays: number; cutoff: Date; dryRun: boolean; counts: PurgeCounts };

export type PurgeOptions = {
  retentionDays: number;
  /** Count only, change nothing. */
  dryRun?: boolean;
  now?: Date;
  /** Calls per transaction. */
  chunk?: number;
};

const DAY_MS = 86_400_000;

const emptyCounts = (): PurgeCounts => ({
  calls: 0,
  phoneNumbers: 0,
  callData: 0,
  drafts: 0,
  writeBackBodies: 0,
  attemptAnswers: 0,
  versions: 0,
  bulkSamples: 0,
  importPreviews: 0,
  pulledRecords: 0,
});

// The call's newest write-back, the one whose acceptance makes the outcome final.
const newestWriteBack = sql`(select max(w2.id) from write_backs w2 where w2.call_id = ${calls.id})`;
// An outcome version that still names a number dialled, in its values or in its change.
const versionValuesHaveNumber = sql`coalesce(${callVersions.values} ->> 'phoneNumber', '') <> ''`;
const versionDiffHasNumber = sql`(${callVersions.diff} ? 'phoneNumber' and ${callVersions.diff} -> 'phoneNumber' <> '[null, null]'::jsonb)`;
const versionHasNumber = sql`(${versionValuesHaveNumber} or ${versionDiffHasNumber})`;

/** Calls due for erasure after `afterId`, oldest id first, with when their final write-back was accepted. */
function dueCalls(db: Db, cutoff: Date, afterId: number, limit: number) {
  return db
    .select({ id: calls.id, since: writeBacks.finishedAt })
    .from(calls)
    .innerJoin(writeBacks, and(eq(writeBacks.callId, calls.id), eq(writeBacks.id, newestWriteBack)))
    .where(
      and(
        gt(calls.id, afterId),
        isNull(calls.personalDataErasedAt),
        eq(calls.writeBackState, "accepted"),
        eq(writeBacks.state, "accepted"),
        lt(writeBacks.finishedAt, cutoff),
      ),
    )
    .orderBy(asc(calls.id))
    .limit(limit);
}

type CallCounts = Omit<PurgeCounts, "calls" | "bulkSamples" | "importPreviews" | "pulledRecords">;

/** How much personal data each of these calls holds, per kind. */
async function countsOf(db: Db, ids: number[]): Promise<Map<number, CallCounts>> {
  const out = new Map<number, CallCounts>();
  const get = (id: number) => {
    let c = out.get(id);
    if (!c) {
      c = { phoneNumbers: 0, callData: 0, drafts: 0, writeBackBodies: 0, attemptAnswers: 0, versions: 0 };
      out.set(id, c);
    }
    return c;
  };
  const [own, draftRows, bodyRows, answerRows, versionRows] = await Promise.all([
    db
      .select({
        id: calls.id,
        numbers: sql<number>`cardinality(${calls.phoneNumbers}) + (${calls.phoneNumber} is not null and ${calls.phoneNumber} <> '')::int`,
        data: sql<number>`(${calls.callData} <> '' or ${calls.callerNumber} <> '')::int`,
      })
      .from(calls)
      .where(inArray(calls.id, ids)),
    db
      .select({ id: drafts.callId, n: count() })
      .from(drafts)
      .where(inArray(drafts.callId, ids))
      .groupBy(drafts.callId),
    db
      .select({ id: writeBacks.callId, n: count() })
      .from(writeBacks)
      .where(and(inArray(writeBacks.callId, ids), ne(writeBacks.requestBody, "")))
      .groupBy(writeBacks.callId),
    db
      .select({ id: writeBackAttempts.callId, n: count() })
      .from(writeBackAttempts)
      .where(and(inArray(writeBackAttempts.callId, ids), isNotNull(writeBackAttempts.responseBody)))
      .groupBy(writeBackAttempts.callId),
    db
      .select({ id: callVersions.callId, n: count() })
      .from(callVersions)
      .where(and(inArray(callVersions.callId, ids), versionHasNumber))
      .groupBy(callVersions.callId),
  ]);
  for (const r of own) {
    get(r.id).phoneNumbers = Number(r.numbers);
    get(r.id).callData = Number(r.data);
  }
  for (const r of draftRows) get(r.id).drafts = r.n;
  for (const r of bodyRows) get(r.id).writeBackBodies = r.n;
  for (const r of answerRows) get(r.id).attemptAnswers = r.n;
  for (const r of versionRows) get(r.id).versions = r.n;
  return out;
}

/** The body as sent, with the number dialled emptied; the other fields and their order kept. */
export function withoutPhoneNumber(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return "";
    return JSON.stringify({ ...parsed, ...("phoneNumber" in parsed ? { phoneNumber: "" } : {}) });
  } catch {
    // Not the JSON we store: nothing in it can be kept safely.
    return "";
  }
}

async function eraseCalls(db: Db, due: { id: number; since: Date }[], retentionDays: number, now: Date) {
  const perCall = await countsOf(
    db,
    due.map((d) => d.id),
  );
  await db.transaction(async (tx) => {
    // Take the rows first: another instance purging at the same moment waits here, then
    // finds them erased and leaves them (one erasure, one record).
    const rows = await tx
      .select({ id: calls.id })
      .from(calls)
      .where(
        and(
          inArray(
            calls.id,
            due.map((d) => d.id),
          ),
          isNull(calls.personalDataErasedAt),
        ),
      )
      .for("update");
    const ids = rows.map((r) => r.id);
    for (const id of [...perCall.keys()]) if (!ids.includes(id)) perCall.delete(id);
    if (ids.length === 0) return;
    await tx
      .update(calls)
      .set({ phoneNumbers: [], callData: "", callerNumber: "", phoneNumber: null, personalDataErasedAt: now })
      .where(inArray(calls.id, ids));
    await tx.delete(drafts).where(inArray(drafts.callId, ids));
    const bodies = await tx
      .select({ id: writeBacks.id, body: writeBacks.requestBody })
      .from(writeBacks)
      .where(inArray(writeBacks.callId, ids));
    for (const b of bodies) {
      const erased = withoutPhoneNumber(b.body);
      if (erased !== b.body) {
        await tx.update(writeBacks).set({ requestBody: erased }).where(eq(writeBacks.id, b.id));
      }
    }
    await tx
      .update(writeBackAttempts)
      .set({ responseBody: null })
      .where(and(inArray(writeBackAttempts.callId, ids), isNotNull(writeBackAttempts.responseBody)));
    await tx
      .update(callVersions)
      .set({
        values: sql`case when ${versionValuesHaveNumber} then jsonb_set(${callVersions.values}, '{phoneNumber}', 'null'::jsonb) else ${callVersions.values} end`,
        diff: sql`case when ${versionDiffHasNumber} then jsonb_set(${callVersions.diff}, '{phoneNumber}', '[null, null]'::jsonb) else ${callVersions.diff} end`,
      })
      .where(and(inArray(callVersions.callId, ids), versionHasNumber));
    await tx.insert(erasures).values(
      due
        .filter((d) => ids.includes(d.id))
        .map((d) => {
          const c = perCall.get(d.id);
          const counts = c ? Object.fromEntries(Object.entries(c).filter(([, n]) => n > 0)) : {};
          return {
            erasedAt: now,
            kind: "call" as const,
            subjectId: d.id,
            retentionDays,
            since: d.since,
            erased: Object.keys(counts),
            counts,
          };
        }),
    );
  });
  return perCall;
}

/** Find what is due and erase it (or, with dryRun, only count it). */
export async function purgePersonalData(db: Db, options: PurgeOptions): Promise<PurgeReport> {
  const { retentionDays, dryRun = false, now = new Date(), chunk = 200 } = options;
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    throw new RangeError("retentionDays must be a whole number of days from 1");
  }
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const counts = emptyCounts();

  let afterId = 0;
  for (;;) {
    const due = await dueCalls(db, cutoff, afterId, chunk);
    if (due.length === 0) break;
    afterId = due[due.length - 1]?.id ?? afterId;
    const withTime = due.flatMap((d) => (d.since ? [{ id: d.id, since: d.since }] : []));
    const perCall = dryRun
      ? await countsOf(
          db,
          withTime.map((d) => d.id),
        )
      : await eraseCalls(db, withTime, retentionDays, now);
    counts.calls += dryRun ? withTime.length : perCall.size;
    for (const c of perCall.values()) {
      counts.phoneNumbers += c.phoneNumbers;
      counts.callData += c.callData;
      counts.drafts += c.drafts;
      counts.writeBackBodies += c.writeBackBodies;
      counts.attemptAnswers += c.attemptAnswers;
      counts.versions += c.versions;
    }
  }

  // Bulk re-send samples hold exact bodies; a job older than the retention needs none.
  const oldSamples = and(lt(bulkJobs.createdAt, cutoff), sql`${bulkJobs.sample} <> '[]'::jsonb`);
  // An import's preview holds the first rows as read; the file's text goes when the job ends.
  const oldImports = and(
    lt(importJobs.finishedAt, cutoff),
    or(sql`${importJobs.preview} <> '[]'::jsonb`, isNotNull(importJobs.content)),
  );
  const oldRejects = and(lt(pullRejects.fetchedAt, cutoff), ne(pullRejects.raw, ""));
  if (dryRun) {
    const [[samples], [imports], [rejects]] = await Promise.all([
      db.select({ n: count() }).from(bulkJobs).where(oldSamples),
      db.select({ n: count() }).from(importJobs).where(oldImports),
      db.select({ n: count() }).from(pullRejects).where(oldRejects),
    ]);
    counts.bulkSamples = samples?.n ?? 0;
    counts.importPreviews = imports?.n ?? 0;
    counts.pulledRecords = rejects?.n ?? 0;
    return { retentionDays, cutoff, dryRun, counts };
  }
  await db.transaction(async (tx) => {
    const samples = await tx
      .update(bulkJobs)
      .set({ sample: [] })
      .where(oldSamples)
      .returning({ id: bulkJobs.id, since: bulkJobs.createdAt });
    const imports = await tx
      .update(importJobs)
      .set({ preview: [], content: null })
      .where(oldImports)
      .returning({ id: importJobs.id, since: importJobs.finishedAt });
    const rejects = await tx
      .update(pullRejects)
      .set({ raw: "" })
      .where(oldRejects)
      .returning({ id: pullRejects.id, since: pullRejects.fetchedAt });
    const records = [
      ...samples.map((r) => ({ kind: "bulk_job" as const, subjectId: r.id, since: r.since, what: "sample" })),
      ...imports.map((r) => ({
        kind: "import_job" as const,
        subjectId: r.id,
        since: r.since ?? cutoff,
        what: "preview",
      })),
      ...rejects.map((r) => ({ kind: "pull_reject" as const, subjectId: r.id, since: r.since, what: "raw" })),
    ];
    if (records.length > 0) {
      await tx.insert(erasures).values(
        records.map((r) => ({
          erasedAt: now,
          kind: r.kind,
          subjectId: r.subjectId,
          retentionDays,
          since: r.since,
          erased: [r.what],
          counts: { [r.what]: 1 },
        })),
      );
    }
    counts.bulkSamples = samples.length;
    counts.importPreviews = imports.length;
    counts.pulledRecords = rejects.length;
  });
  return { retentionDays, cutoff, dryRun, counts };
}

/** The erasure records, newest first: what was erased and when. */
export function listErasures(db: Db, limit = 100) {
  return db.select().from(erasures).orderBy(sql`${erasures.erasedAt} desc, ${erasures.id} desc`).limit(limit);
}
