import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { type NewCall, users } from "@/lib/db/schema";
import type { ImportError, ParsedCallsFile } from "./parse-file";
import { upsertCalls } from "./queries";
import { rowProblem } from "./row-problems";

/**
 * The one import implementation: the calls:import command, the import page's background
 * jobs and POST /api/v1/calls all go through importCalls.
 */

export type ImportCallsOptions = {
  /** Import the good rows and leave the bad ones out; by default one bad row stops all. */
  skipBad?: boolean;
  /**
   * "one" (default): one transaction for the whole file. "chunks": a transaction per
   * CHUNK rows with onProgress after each, so a long import leaves the database free for
   * other requests between chunks (the embedded database runs one transaction at a time)
   * and its progress can be shown. Bad rows are found before anything is written, so
   * all-or-nothing still holds for bad rows; a database failure half-way leaves the chunks
   * already written, and importing the file again is harmless (upsert).
   */
  transaction?: "one" | "chunks";
  onProgress?: (done: number, total: number) => void | Promise<void>;
};

export type ImportCallsResult = {
  /** false: nothing was written (bad rows without skipBad). */
  imported: boolean;
  inserted: number;
  updated: number;
  /** Bad rows left out (all of them are in errors). */
  skipped: number;
  errors: ImportError[];
};

export const IMPORT_CHUNK = 2_000;

type Parsed = Pick<ParsedCallsFile, "rows" | "errors"> & {
  badRows?: number;
  rowInfo?: ParsedCallsFile["rowInfo"];
};

/**
 * Give each row that names an agent that agent's user id. Calls go to agents only: a row
 * naming no user, a disabled one, or a supervisor or admin becomes a bad row on its line,
 * field `agent`.
 */
export async function resolveAgents(db: Db, parsed: Parsed): Promise<Parsed & { badRows: number }> {
  const info = parsed.rowInfo ?? [];
  const badRows = parsed.badRows ?? new Set(parsed.errors.map((e) => e.line)).size;
  const names = [...new Set(info.map((i) => i.agent).filter((a): a is string => a !== undefined))];
  if (names.length === 0) return { ...parsed, badRows };
  const found = new Map<string, { id: number; role: string }>();
  for (let i = 0; i < names.length; i += 1000) {
    const rows = await db
      .select({ id: users.id, username: users.username, role: users.role })
      .from(users)
      .where(and(inArray(users.username, names.slice(i, i + 1000)), eq(users.disabled, false)));
    for (const row of rows) found.set(row.username, { id: row.id, role: row.role });
  }
  const rows: NewCall[] = [];
  const rowInfo: ParsedCallsFile["rowInfo"] = [];
  const errors = [...parsed.errors];
  let newBad = 0;
  parsed.rows.forEach((row, index) => {
    const meta = info[index];
    const user = meta?.agent === undefined ? undefined : found.get(meta.agent);
    if (meta?.agent !== undefined && user?.role !== "agent") {
      errors.push({
        line: meta.line,
        ...(meta.record === undefined ? {} : { record: meta.record }),
        field: "agent",
        ...rowProblem(
          user === undefined ? "agentUnknown" : user.role === "admin" ? "agentIsAdmin" : "agentIsSupervisor",
        ),
      });
      newBad += 1;
      return;
    }
    rows.push(user === undefined ? row : { ...row, assignedTo: user.id });
    if (meta) rowInfo.push(meta);
  });
  errors.sort((a, b) => a.line - b.line || (a.record ?? 0) - (b.record ?? 0));
  return { rows, rowInfo, errors, badRows: badRows + newBad };
}

/**
 * Import parsed calls: all or nothing by default, or the good rows only with skipBad.
 * Calls already present are updated, not duplicated (see upsertCalls).
 */
export async function importCalls(
  db: Db,
  input: Parsed,
  options: ImportCallsOptions = {},
): Promise<ImportCallsResult> {
  const parsed = await resolveAgents(db, input);
  const skipped = parsed.badRows;
  if (parsed.errors.length > 0 && !options.skipBad) {
    return { imported: false, inserted: 0, updated: 0, skipped, errors: parsed.errors };
  }
  if (options.transaction !== "chunks") {
    const { inserted, updated } = await upsertCalls(db, parsed.rows);
    await options.onProgress?.(parsed.rows.length, parsed.rows.length);
    return { imported: true, inserted, updated, skipped, errors: parsed.errors };
  }
  let inserted = 0;
  let updated = 0;
  const total = parsed.rows.length;
  for (let start = 0; start < total; start += IMPORT_CHUNK) {
    const result = await upsertCalls(db, parsed.rows.slice(start, start + IMPORT_CHUNK));
    inserted += result.inserted;
    updated += result.updated;
    await options.onProgress?.(Math.min(total, start + IMPORT_CHUNK), total);
  }
  return { imported: true, inserted, updated, skipped, errors: parsed.errors };
}
