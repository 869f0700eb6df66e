import type { SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/lib/db";

/**
 * Call one of the database's own functions (`SELECT f(…) AS r`, drizzle/0014_write-back-
 * functions.sql) and read its answer, the one value `r`, with `schema` (null when no row).
 */
export async function callFunction<S extends z.ZodType>(db: Db, schema: S, query: SQL): Promise<z.output<S>> {
  const result = await db.execute(query);
  return schema.parse((result as unknown as { rows: { r: unknown }[] }).rows[0]?.r ?? null);
}
