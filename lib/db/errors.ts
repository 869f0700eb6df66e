import { DrizzleQueryError } from "drizzle-orm/errors";
import { PgPreparedQuery } from "drizzle-orm/pg-core";
import { DATABASE_UNAVAILABLE_DIGEST } from "./unavailable-digest";

/**
 * Database errors, made safe to log and to answer with.
 *
 * Drizzle's DrizzleQueryError puts every bound parameter into its message ("params: …"),
 * and the driver's error beneath it carries `detail` ("Key (phone)=(138…) already exists",
 * "Failing row contains (…)"): phone numbers and customer data. Every error a query throws
 * is replaced here, at its source, by one that carries the SQL text (placeholders only), the
 * PostgreSQL code and constraint, and a message with quoted values and long digit runs
 * masked. Errors that mean "the database cannot be reached or cannot write" become
 * DatabaseUnavailableError, which pages, route handlers and sign-in answer plainly.
 */

/** What a page's error boundary receives as `error.digest` for an unreachable database. */
export { DATABASE_UNAVAILABLE_DIGEST };

type PgLikeError = {
  code?: unknown;
  errno?: unknown;
  message?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  severity?: unknown;
  cause?: unknown;
};

const asRecord = (v: unknown): PgLikeError | null =>
  typeof v === "object" && v !== null ? (v as PgLikeError) : null;
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

const NAMED =
  /\b(column|relation|constraint|table|index|type|function|schema|database|role|sequence|view|trigger|extension|cursor|savepoint)\s+$/i;

/**
 * A driver's message with the values taken out: a double-quoted word is kept when it names a
 * column, table, constraint and the like, masked otherwise (`invalid input syntax for type
 * bigint: "13912345678"`); single-quoted literals and runs of 5+ digits are masked always.
 */
export function maskValues(text: string): string {
  return text
    .replace(/"[^"]*"/g, (quoted, offset: number) => (NAMED.test(text.slice(0, offset)) ? quoted : '"…"'))
    .replace(/'[^']*'/g, "'…'")
    .replace(/\d{5,}/g, "…");
}

/** SQL text as Drizzle builds it: values are $1 placeholders; "…" are identifiers, kept. */
function maskSql(text: string): string {
  return text.replace(/'[^']*'/g, "'…'").replace(/\d{5,}/g, "…");
}

/** A failed query, without its parameters or the driver's row detail. */
export class DatabaseQueryError extends Error {
  override name = "DatabaseQueryError";
  readonly code: string | undefined;
  readonly constraint: string | undefined;
  readonly table: string | undefined;
  readonly column: string | undefined;
  constructor(query: string, cause: unknown) {
    const c = asRecord(cause);
    const code = str(c?.code);
    const reason = maskValues(str(c?.message) ?? "unknown error");
    // The SQL text holds $1-style placeholders, not values; cut to keep log lines short.
    const sqlText = query.length > 300 ? `${query.slice(0, 300)}…` : query;
    super(`Failed query (${code ?? "no code"}): ${reason}; query: ${maskSql(sqlText)}`);
    this.code = code;
    this.constraint = str(c?.constraint);
    this.table = str(c?.table);
    this.column = str(c?.column);
    // Code that asks `error.cause.code` (a unique violation, say) still can; nothing else is kept.
    this.cause = { code, constraint: this.constraint, table: this.table, column: this.column };
  }
}

/**
 * The database cannot be reached, or cannot write (disk full, read-only, shutting down).
 * Its digest lets app/error.tsx show the right page without seeing the error's text.
 */
export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
  readonly digest = DATABASE_UNAVAILABLE_DIGEST;
  readonly code: string | undefined;
  constructor(code: string | undefined) {
    super(`The database cannot be reached or cannot write (${code ?? "no code"}).`);
    this.code = code;
  }
}

/** Socket errors, and PostgreSQL's classes 08 (connection), 53 (resources), 57P (shutdown), and read-only. */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOSPC",
  "EROFS",
  "EACCES",
  "EIO",
  "25006", // read_only_sql_transaction
]);
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /connection error and is not queryable/i,
  /timeout exceeded when trying to connect/i,
  /PGlite is closed/i,
];

/** Whether an error (or one of its causes) means the database is unreachable or cannot write. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (current instanceof DatabaseUnavailableError) return true;
    const c = asRecord(current);
    if (!c) return false;
    const code = str(c.code);
    if (code && (UNAVAILABLE_CODES.has(code) || /^(08|53|57P)/.test(code))) return true;
    const message = str(c.message);
    if (message && UNAVAILABLE_MESSAGES.some((re) => re.test(message))) return true;
    current = c.cause;
  }
  return false;
}

function codeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    const code = str(asRecord(current)?.code);
    if (code) return code;
    current = asRecord(current)?.cause;
  }
  return undefined;
}

/** The error to throw in place of one a query or a connection threw. */
export function safeDatabaseError(error: unknown): unknown {
  if (error instanceof DatabaseUnavailableError || error instanceof DatabaseQueryError) return error;
  if (isDatabaseUnavailable(error)) return new DatabaseUnavailableError(codeOf(error));
  if (error instanceof DrizzleQueryError) return new DatabaseQueryError(error.query, error.cause);
  return error;
}

type QueryWithCache = (
  queryString: string,
  params: unknown[],
  query: () => Promise<unknown>,
) => Promise<unknown>;
const globalForErrors = globalThis as unknown as { __previewDeskQueryErrorsSafe?: boolean };

/**
 * Every Drizzle query, on PGlite and node-postgres alike, runs through
 * PgPreparedQuery.queryWithCache, which is where Drizzle builds the error with the
 * parameters; wrapping it there covers every query without touching each call site. The
 * test beside this file fails if a Drizzle upgrade moves that method.
 */
export function makeQueryErrorsSafe(): void {
  if (globalForErrors.__previewDeskQueryErrorsSafe) return;
  const proto = PgPreparedQuery.prototype as unknown as { queryWithCache?: QueryWithCache };
  const original = proto.queryWithCache;
  if (typeof original !== "function") {
    throw new Error("drizzle-orm changed: PgPreparedQuery.queryWithCache is gone; see lib/db/errors.ts");
  }
  proto.queryWithCache = async function (this: unknown, queryString, params, query) {
    try {
      return await original.call(this, queryString, params, query);
    } catch (error) {
      throw safeDatabaseError(error);
    }
  };
  globalForErrors.__previewDeskQueryErrorsSafe = true;
}
