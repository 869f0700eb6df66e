import { getTableColumns, type InferSelectModel, type Table } from "drizzle-orm";

/**
 * A table's row from its `to_jsonb(row)` (keys are the column names): each value read as the
 * driver's would be (timestamps to Date, and so on), under the schema's property names. For
 * the rows the database's own functions answer with (drizzle/0014_write-back-functions.sql).
 */
export function rowFromJson<T extends Table>(table: T, json: Record<string, unknown>): InferSelectModel<T> {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = json[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as InferSelectModel<T>;
}
