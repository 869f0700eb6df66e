import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { startBackgroundLoop } from "@/lib/background-loop";
import { importCalls, resolveAgents } from "@/lib/calls/import";
import { type CallsFileFormat, parseCallsFile } from "@/lib/calls/parse-file";
import type { Db } from "@/lib/db";
import { type ImportJob, importJobs } from "@/lib/db/schema";

/**
 * Imports from the supervisor page: the upload is parsed at once (preview, every bad row),
 * kept as a job, and imported in the background when the supervisor chooses all-or-nothing
 * or good rows only. The import itself is lib/calls/import's importCalls, as for the
 * calls:import command, with a transaction per chunk so progress can be shown.
 */

const PREVIEW_ROWS = 10;
/** A file can be wholly bad; the page lists this many problems and says how many there were. */
const MAX_KEPT_ERRORS = 5_000;
const LEASE_MS = 60_000;

export function formatOf(fileName: string, text: string): CallsFileFormat {
  if (/\.json$/i.test(fileName)) return "json";
  if (/\.csv$/i.test(fileName)) return "csv";
  return text.trimStart().startsWith("[") ? "json" : "csv";
}

export type JobView = Omit<ImportJob, "content">;

const view = ({ content: _content, ...rest }: ImportJob): JobView => rest;

export async function createImportJob(
  db: Db,
  input: {
    userId: number;
    fileName: string;
    text: string;
    timeZone: string;
    /** How the bytes were read, said in the preview (lib/calls/decode's describeEncoding). */
    encoding?: string;
    /** fetchTime before this year is refused (the catalogue's rules.times.earliestYear). */
    earliestYear?: number;
  },
): Promise<JobView> {
  const format = formatOf(input.fileName, input.text);
  const read = parseCallsFile(input.text, format, {
    timeZone: input.timeZone,
    ...(input.earliestYear === undefined ? {} : { earliestYear: input.earliestYear }),
  });
  // The preview judges agents as the import does (and as the calls:import command does): a
  // row naming no active user, a supervisor or an admin is a bad row from the start.
  const parsed = { ...read, ...(await resolveAgents(db, read)) };
  const preview = parsed.rows.slice(0, PREVIEW_ROWS).map((row, i) => ({
    line: String(parsed.rowInfo[i]?.line ?? ""),
    serviceId: row.serviceId,
    uniqueId: row.uniqueId,
    phoneNumber: row.phoneNumbers.join(";"),
    // By code points: a cut surrogate pair is a broken character the database refuses.
    callData: [...(row.callData ?? "")].slice(0, 80).join(""),
    agent: parsed.rowInfo[i]?.agent ?? "",
  }));
  const [row] = await db
    .insert(importJobs)
    .values({
      createdBy: input.userId,
      fileName: [...input.fileName].slice(0, 200).join(""),
      encoding: input.encoding ?? null,
      format,
      timeZone: input.timeZone,
      content: input.text,
      totalRows: parsed.rows.length + parsed.badRows,
      goodRows: parsed.rows.length,
      badRows: parsed.badRows,
      preview,
      errors: parsed.errors.slice(0, MAX_KEPT_ERRORS),
      errorCount: parsed.errors.length,
      warnings: parsed.warnings,
    })
    .returning();
  if (!row) throw new Error("creating an import job returned no row");
  return view(row);
}

export async function getImportJob(db: Db, id: number): Promise<JobView | null> {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const [row] = await db.select().from(importJobs).where(eq(importJobs.id, id)).limit(1);
  return row ? view(row) : null;
}

export async function listImportJobs(db: Db, limit = 20): Promise<JobView[]> {
  const rows = await db
    .select()
    .from(importJobs)
    .orderBy(desc(importJobs.createdAt), desc(importJobs.id))
    .limit(limit);
  return rows.map(view);
}

/**
 * Why a start is refused: `reason` for the page to say in the user's language
 * (import.actions), `message` in English for the command line and the logs.
 */
export type StartRefusal =
  | { reason: "not_found" | "not_preview" | "no_good_rows" | "started" }
  | { reason: "bad_rows"; badRows: number };
export type StartResult = { ok: true } | ({ ok: false; message: string } & StartRefusal);

const startMessages = {
  not_found: () => "There is no such import.",
  not_preview: () => "This import has already been started or discarded.",
  bad_rows: (n: number) =>
    `The file has ${n} bad row(s), so all-or-nothing imports nothing. Correct them, or import the good rows only.`,
  no_good_rows: () => "The file has no good rows to import.",
  started: () => "This import has already been started.",
};

const refuse = (refusal: StartRefusal): StartResult => ({
  ok: false,
  ...refusal,
  message:
    refusal.reason === "bad_rows" ? startMessages.bad_rows(refusal.badRows) : startMessages[refusal.reason](),
});

/** The supervisor's choice: queue the job all-or-nothing (skipBad false) or good rows only. */
export async function startImportJob(db: Db, id: number, skipBad: boolean): Promise<StartResult> {
  const job = await getImportJob(db, id);
  if (!job) return refuse({ reason: "not_found" });
  if (job.state !== "preview") return refuse({ reason: "not_preview" });
  if (!skipBad && job.badRows > 0) return refuse({ reason: "bad_rows", badRows: job.badRows });
  if (job.goodRows === 0) return refuse({ reason: "no_good_rows" });
  const rows = await db
    .update(importJobs)
    .set({ state: "queued", skipBad })
    .where(and(eq(importJobs.id, id), eq(importJobs.state, "preview")))
    .returning({ id: importJobs.id });
  return rows.length > 0 ? { ok: true } : refuse({ reason: "started" });
}

/**
 * How a finished job ended, for the page to say in the user's language (import.outcome);
 * the job's `message` keeps the English words for the command line and the logs. Read from
 * the job's own fields: a done job from its counts; a failed all-or-nothing job that has bad
 * rows was refused for agents that are not active (a file with bad rows cannot be started
 * all-or-nothing, so they were found by the import); any other failure stopped on an error.
 */
export type ImportOutcome =
  | { key: "imported"; inserted: number; updated: number; skipped: number }
  | { key: "noActiveAgent" }
  | { key: "stopped" };

export function importOutcome(
  job: Pick<JobView, "state" | "skipBad" | "badRows" | "inserted" | "updated">,
): ImportOutcome | null {
  if (job.state === "done")
    return { key: "imported", inserted: job.inserted, updated: job.updated, skipped: job.badRows };
  if (job.state !== "failed") return null;
  return !job.skipBad && job.badRows > 0 ? { key: "noActiveAgent" } : { key: "stopped" };
}

export async function discardImportJob(db: Db, id: number): Promise<boolean> {
  const rows = await db
    .update(importJobs)
    .set({ state: "discarded", content: null, finishedAt: new Date() })
    .where(and(eq(importJobs.id, id), eq(importJobs.state, "preview")))
    .returning({ id: importJobs.id });
  return rows.length > 0;
}

/** Take the oldest queued job (or a running one whose instance died) for this process. */
export async function claimImportJob(db: Db, owner: string, now = new Date()): Promise<ImportJob | null> {
  const until = new Date(now.getTime() + LEASE_MS).toISOString();
  const result = await db.execute(sql`
    UPDATE import_jobs SET state = 'running', lease_owner = ${owner}, lease_until = ${until}::timestamptz,
      started_at = COALESCE(started_at, ${now.toISOString()}::timestamptz)
    WHERE id = (
      SELECT id FROM import_jobs
      WHERE state = 'queued' OR (state = 'running' AND lease_until < ${now.toISOString()}::timestamptz)
      ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id`);
  const id = (result as unknown as { rows: { id: string | number }[] }).rows[0]?.id;
  if (id === undefined) return null;
  const [row] = await db
    .select()
    .from(importJobs)
    .where(eq(importJobs.id, Number(id)));
  return row ?? null;
}

/** Import a claimed job, writing its progress after every chunk. */
export async function runImportJob(
  db: Db,
  job: ImportJob,
  owner: string,
  /** As at the preview: fetchTime before this year is refused (the catalogue's earliestYear). */
  earliestYear?: number,
): Promise<JobView> {
  const mine = and(eq(importJobs.id, job.id), eq(importJobs.leaseOwner, owner));
  try {
    const parsed = parseCallsFile(job.content ?? "", job.format, {
      timeZone: job.timeZone,
      ...(earliestYear === undefined ? {} : { earliestYear }),
    });
    const result = await importCalls(db, parsed, {
      skipBad: job.skipBad,
      transaction: "chunks",
      onProgress: async (done) => {
        await db
          .update(importJobs)
          .set({ processed: done, leaseUntil: new Date(Date.now() + LEASE_MS) })
          .where(mine);
      },
    });
    await db
      .update(importJobs)
      .set(
        result.imported
          ? {
              state: "done",
              inserted: result.inserted,
              updated: result.updated,
              processed: result.inserted + result.updated,
              errors: result.errors.slice(0, MAX_KEPT_ERRORS),
              errorCount: result.errors.length,
              badRows: result.skipped,
              message: `Imported: ${result.inserted} new, ${result.updated} updated${result.skipped > 0 ? `, ${result.skipped} bad row(s) left out` : ""}.`,
              content: null,
              finishedAt: new Date(),
              leaseOwner: null,
              leaseUntil: null,
            }
          : {
              state: "failed",
              errors: result.errors.slice(0, MAX_KEPT_ERRORS),
              errorCount: result.errors.length,
              badRows: result.skipped,
              message:
                "Nothing was imported: some rows name no active agent. Correct them, or import the good rows only.",
              content: null,
              finishedAt: new Date(),
              leaseOwner: null,
              leaseUntil: null,
            },
      )
      .where(mine);
  } catch (error) {
    await db
      .update(importJobs)
      .set({
        state: "failed",
        message: `The import stopped (${error instanceof Error ? error.name : "error"}); the rows counted as processed were written. Importing the file again is harmless.`,
        finishedAt: new Date(),
        leaseOwner: null,
        leaseUntil: null,
      })
      .where(mine);
  }
  const done = await getImportJob(db, job.id);
  if (!done) throw new Error("import job vanished");
  return done;
}

export type ImportWorker = { wake(): void; stop(): Promise<void> };

/** The background worker: one job at a time per process. */
export function startImportWorker(options: {
  db: Db;
  owner: string;
  pollMs: number;
  earliestYear?: number;
}): ImportWorker {
  return startBackgroundLoop({
    round: async () => {
      const job = await claimImportJob(options.db, options.owner);
      if (!job) return options.pollMs;
      await runImportJob(options.db, job, options.owner, options.earliestYear);
      return 0;
    },
    // A database hiccup: try again at the next poll.
    errorWaitMs: options.pollMs,
  });
}
