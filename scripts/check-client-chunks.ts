/**
 * After `next build`: fail if a browser chunk (.next/static) holds the database schema or a
 * server-only module. Run by `npm test` after the build; alone: `npm run check:chunks`.
 */
import { existsSync } from "node:fs";
import { getTableName, isTable } from "drizzle-orm";
import { checkClientChunks } from "@/lib/build/client-chunks";
import * as schema from "@/lib/db/schema";

const staticDir = process.argv[2] ?? ".next/static";
if (!existsSync(staticDir)) {
  console.error(`${staticDir} does not exist: run next build first.`);
  process.exit(2);
}
const tableNames = Object.values(schema).flatMap((value) => (isTable(value) ? [getTableName(value)] : []));
const findings = checkClientChunks(staticDir, tableNames);
if (findings.length > 0) {
  for (const f of findings) console.error(`✘ ${f.file}: ${f.reason}`);
  console.error(
    "Server code reached the browser's JavaScript: import from lib/db/enums (or another browser-safe module) instead.",
  );
  process.exit(1);
}
console.log(
  `client chunks: no schema and no server-only module in ${staticDir} (${tableNames.length} table names checked)`,
);
