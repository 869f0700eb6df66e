import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * What must never be in the JavaScript sent to browsers: the database schema (Drizzle's
 * table markers, or several of our table names together) and any module marked
 * `import "server-only"` (its guard's message). Pure, so it is tested on strings.
 */
export type ChunkFinding = { file: string; reason: string };

/** Drizzle stamps every table object with these symbols' descriptions. */
const DRIZZLE_TABLE_MARKERS = ["drizzle:IsDrizzleTable", "drizzle:PgInlineForeignKeys"];
/** The text of the `server-only` package's guard: present only if such a module was bundled. */
const SERVER_ONLY_MARKER = "cannot be imported from a Client Component module";
/** How many distinct table names, quoted, make a chunk look like the schema. */
const TABLE_NAME_THRESHOLD = 3;

export function findServerCodeInChunk(
  file: string,
  text: string,
  tableNames: readonly string[],
): ChunkFinding[] {
  const findings: ChunkFinding[] = [];
  for (const marker of DRIZZLE_TABLE_MARKERS) {
    if (text.includes(marker)) findings.push({ file, reason: `Drizzle table marker "${marker}"` });
  }
  if (text.includes(SERVER_ONLY_MARKER)) findings.push({ file, reason: "a server-only module" });
  const quoted = tableNames.filter((name) => text.includes(`"${name}"`) || text.includes(`'${name}'`));
  if (quoted.length >= TABLE_NAME_THRESHOLD) {
    findings.push({ file, reason: `table names of the schema: ${quoted.join(", ")}` });
  }
  return findings;
}

/** Every .js file under a folder (the build's .next/static). */
export function listJsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listJsFiles(full));
    else if (name.endsWith(".js")) out.push(full);
  }
  return out;
}

export function checkClientChunks(staticDir: string, tableNames: readonly string[]): ChunkFinding[] {
  return listJsFiles(staticDir).flatMap((file) =>
    findServerCodeInChunk(file, readFileSync(file, "utf8"), tableNames),
  );
}
