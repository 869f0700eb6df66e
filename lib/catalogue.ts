import "server-only";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Catalogue, catalogueSchema } from "./catalogue-schema";
import { settings } from "./settings";

const cache = globalThis as unknown as { __previewDeskCatalogue?: Catalogue };

/** Load and validate a catalogue file; the message names the file and the field. */
export function loadCatalogue(file: string): Catalogue {
  const path = resolve(file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const why = error instanceof SyntaxError ? "is not valid JSON" : "cannot be read";
    throw new Error(`CATALOGUE_FILE ${path} ${why}`);
  }
  const parsed = catalogueSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new Error(`CATALOGUE_FILE ${path} is wrong:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** The process's catalogue, read once from CATALOGUE_FILE. */
export function catalogue(): Catalogue {
  cache.__previewDeskCatalogue ??= loadCatalogue(settings().CATALOGUE_FILE);
  return cache.__previewDeskCatalogue;
}
