import "server-only";
import { count, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db } from "@/lib/db";

/**
 * Up to this many rows a list's total is counted exactly; beyond it, the planner's estimate
 * is shown and the page says "about". An exact count(*) reads every matching row (the
 * whole table for an unfiltered list: 100-500 ms at a million calls), while counting up to
 * 10,000 through the list's own index costs a millisecond or two, whatever the table's size.
 */
export const EXACT_COUNT_LIMIT = 10_000;

export type BoundedCount = { total: number; estimated: boolean };

const planSchema = z.array(z.object({ Plan: z.object({ "Plan Rows": z.number() }) }));
const explainRows = z.object({ rows: z.array(z.record(z.string(), z.unknown())) });

/** The planner's row estimate for a query (EXPLAIN, nothing is read). */
async function plannedRows(db: Db, query: SQL): Promise<number> {
  const result = explainRows.parse(await db.execute(sql`EXPLAIN (FORMAT JSON) ${query}`));
  const cell = Object.values(result.rows[0] ?? {})[0];
  // node-postgres parses the json column; PGlite may hand it over as text.
  const plan = planSchema.parse(typeof cell === "string" ? JSON.parse(cell) : cell);
  return Math.round(plan[0]?.Plan["Plan Rows"] ?? 0);
}

/**
 * How many rows of `table` match `where`: exact up to `limit`, else the planner's estimate
 * (never below limit + 1) marked as such. The rows are counted in the page's own `order`,
 * so the count walks the same index as the page instead of the table.
 */
export async function boundedCount(
  db: Db,
  table: PgTable,
  where: SQL | undefined,
  order: (SQL | PgColumn)[],
  limit = EXACT_COUNT_LIMIT,
): Promise<BoundedCount> {
  const capped = db
    .select({ one: sql`1` })
    .from(table)
    .where(where)
    .orderBy(...order)
    .limit(limit + 1)
    .as("capped");
  const [row] = await db.select({ n: count() }).from(capped);
  const n = row?.n ?? 0;
  if (n <= limit) return { total: n, estimated: false };
  const estimate = await plannedRows(db, sql`SELECT 1 FROM ${table} ${where ? sql`WHERE ${where}` : sql``}`);
  return { total: Math.max(estimate, limit + 1), estimated: true };
}
