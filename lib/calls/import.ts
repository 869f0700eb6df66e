import "server-only";
import type { Db } from "@/lib/db";
import type { ImportError, ParsedCallsFile } from "./parse-file";
import { upsertCalls } from "./queries";

export type ImportCallsOptions = {
  /** Import the good rows and leave the bad ones out; by default one bad row stops all. */
  skipBad?: boolean;
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

/**
 * Import a parsed file: all or nothing by default, or the good rows only with skipBad.
 * Calls already present are updated, not duplicated (see upsertCalls); one transaction.
 */
export async function importCalls(
  db: Db,
  parsed: Pick<ParsedCallsFile, "rows" | "errors"> & { badRows?: number },
  options: ImportCallsOptions = {},
): Promise<ImportCallsResult> {
  const skipped = parsed.badRows ?? new Set(parsed.errors.map((error) => error.line)).size;
  const hasBad = parsed.errors.length > 0;
  if (hasBad && !options.skipBad) {
    return { imported: false, inserted: 0, updated: 0, skipped, errors: parsed.errors };
  }
  const { inserted, updated } = await upsertCalls(db, parsed.rows);
  return { imported: true, inserted, updated, skipped, errors: parsed.errors };
}
