import Papa from "papaparse";
import type { NewCall } from "@/lib/db/schema";
import {
  type CallImportField,
  callImportFields,
  callImportRowSchemaFor,
  requiredCallImportFields,
  toNewCall,
} from "./import-row";
import { type RowProblemCode, type RowProblemValues, rowProblem, rowProblemOf } from "./row-problems";

/**
 * One problem in an import file. `line` is where a person finds it: for CSV the line of the
 * row (the header is line 1), for JSON the line on which the call's object starts. `field`
 * is an interface field name, or "file" / "row" for problems that are no single field's.
 * `message` is English (the API, the command line); `code` and `values` let the import page
 * say it in the user's language (lib/calls/row-problems.ts).
 */
export type ImportError = {
  line: number;
  /** JSON files: the call's number in the array (1 for the first), besides its line. */
  record?: number;
  field: string;
  message: string;
  code?: RowProblemCode;
  values?: RowProblemValues;
};

/** Where a person finds a problem: `line 4`, or `record 3 (line 12)` in a JSON file. */
export const whereIs = (e: Pick<ImportError, "line" | "record">) =>
  e.record === undefined ? `line ${e.line}` : `record ${e.record} (line ${e.line})`;

export type ParsedCallsFile = {
  /** The good rows, in file order. */
  rows: NewCall[];
  /** For each good row (same index): its line, and the agent's username when the file names one. */
  rowInfo: { line: number; record?: number; agent?: string }[];
  /** Every problem of every bad row, in file order. */
  errors: ImportError[];
  /** How many rows (calls) are bad; a row may have several errors. */
  badRows: number;
  /** Things that are not errors but may be mistakes, such as a column that is not read. */
  warnings: string[];
};

export type ParseCallsFileOptions = {
  /** IANA zone in which a fetchTime without an offset is read (ISALES_TIME_ZONE). */
  timeZone: string;
  /** fetchTime of rows that give none; default the time of parsing. */
  now?: Date;
  /** fetchTime before this year is refused (the catalogue's rules.times.earliestYear). */
  earliestYear?: number;
};

export type CallsFileFormat = "json" | "csv";

type Candidate = { line: number; recordNo?: number; record: Record<string, unknown> };

/** Spellings seen in the wild: iSales's callnos answer spells serviceId `seviceId`. */
const aliases: Record<string, CallImportField> = { seviceid: "serviceId", phonenumbers: "phoneNumber" };

function canonicalField(name: string): CallImportField | undefined {
  const lower = name.trim().toLowerCase();
  return callImportFields.find((field) => field.toLowerCase() === lower) ?? aliases[lower];
}

export function parseCallsFile(
  text: string,
  format: CallsFileFormat,
  options: ParseCallsFileOptions,
): ParsedCallsFile {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const read = format === "json" ? readJson(body) : readCsv(body);
  const now = options.now ?? new Date();
  const rowSchema = callImportRowSchemaFor({
    timeZone: options.timeZone,
    now,
    ...(options.earliestYear === undefined ? {} : { earliestYear: options.earliestYear }),
  });
  const rows: NewCall[] = [];
  const rowInfo: ParsedCallsFile["rowInfo"] = [];
  const errors: ImportError[] = [...read.errors];
  // A bad row is counted once, by its record in JSON (several can share a line) or its line.
  const badLines = new Set<string>(read.badLines);
  const firstLineOf = new Map<string, { line: number; record?: number }>();

  for (const { line, recordNo, record } of read.candidates) {
    const at = recordNo === undefined ? { line } : { line, record: recordNo };
    const rowKey = recordNo === undefined ? `l${line}` : `r${recordNo}`;
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) {
      badLines.add(rowKey);
      for (const issue of parsed.error.issues) {
        errors.push({
          ...at,
          field: String(issue.path[0] ?? "row"),
          message: issue.message,
          ...rowProblemOf(issue),
        });
      }
      continue;
    }
    const call = toNewCall(parsed.data, { timeZone: options.timeZone, now });
    // One statement cannot insert and update the same row, and a file that names a call
    // twice is most likely a mistake: say where the first one is.
    const key = JSON.stringify([call.vdnId, call.serviceId, call.uniqueId]);
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      badLines.add(rowKey);
      errors.push({
        ...at,
        field: "uniqueId",
        ...(first.record === undefined
          ? rowProblem("duplicateLine", { line: first.line })
          : rowProblem("duplicateRecord", { record: first.record, line: first.line })),
      });
      continue;
    }
    firstLineOf.set(key, at);
    rows.push(call);
    rowInfo.push(parsed.data.agent === undefined ? at : { ...at, agent: parsed.data.agent });
  }
  errors.sort((a, b) => a.line - b.line || (a.record ?? 0) - (b.record ?? 0));
  return { rows, rowInfo, errors, badRows: badLines.size, warnings: read.warnings };
}

type Read = { candidates: Candidate[]; errors: ImportError[]; badLines: string[]; warnings: string[] };

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line += 1;
  return line;
}

function readJson(text: string): Read {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : "";
    const position = /position (\d+)/.exec(message)?.[1];
    return {
      candidates: [],
      errors: [
        {
          line: position === undefined ? 1 : lineAt(text, Number(position)),
          field: "file",
          // The parser's message quotes the text after its first words; that may hold numbers.
          ...rowProblem("notJson", { detail: message.split(/, "|:/)[0]?.trim() || "unreadable" }),
        },
      ],
      badLines: [],
      warnings: [],
    };
  }
  if (!Array.isArray(data)) {
    return {
      candidates: [],
      errors: [{ line: 1, field: "file", ...rowProblem("notArray") }],
      badLines: [],
      warnings: [],
    };
  }
  const lines = topLevelElementLines(text);
  const candidates: Candidate[] = [];
  const errors: ImportError[] = [];
  const badLines: string[] = [];
  const unknownKeys = new Set<string>();
  data.forEach((element: unknown, index) => {
    const line = lines[index] ?? index + 1;
    if (typeof element !== "object" || element === null || Array.isArray(element)) {
      errors.push({ line, record: index + 1, field: "row", ...rowProblem("notObject") });
      badLines.push(`r${index + 1}`);
      return;
    }
    const record: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(element)) {
      const field = canonicalField(key);
      if (field === undefined) unknownKeys.add(key);
      else if (!(field in record)) record[field] = value;
    }
    candidates.push({ line, recordNo: index + 1, record });
  });
  const warnings = [...unknownKeys].map(
    (key) => `field "${key}" is not one Preview Desk reads; it was ignored`,
  );
  return { candidates, errors, badLines, warnings };
}

/** The line on which each element of the top-level array starts (text is valid JSON). */
function topLevelElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectingElement = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === "\n") line += 1;
    if (inString) {
      if (ch === "\\") i += 1;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === " " || ch === "\t" || ch === "\r" || ch === "\n") continue;
    if (depth === 1 && expectingElement && ch !== "]") {
      lines.push(line);
      expectingElement = false;
    }
    if (ch === '"') inString = true;
    else if (ch === "[" || ch === "{") {
      depth += 1;
      if (depth === 1) expectingElement = true;
    } else if (ch === "]" || ch === "}") depth -= 1;
    else if (ch === "," && depth === 1) expectingElement = true;
  }
  return lines;
}

function readCsv(text: string): Read {
  const records: { line: number; cells: string[] }[] = [];
  let lineCursor = 0;
  let lineNumber = 1;
  let previousEnd = 0;
  Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: "greedy",
    // `;` separates the phone numbers inside a cell, so it must never be taken for the delimiter.
    delimitersToGuess: [",", "\t"],
    step: (result) => {
      let start = previousEnd;
      while (start < text.length && /\s/.test(text[start] ?? "")) start += 1;
      previousEnd = result.meta.cursor;
      for (let i = text.indexOf("\n", lineCursor); i !== -1 && i < start; i = text.indexOf("\n", i + 1)) {
        lineNumber += 1;
        lineCursor = i + 1;
      }
      records.push({ line: lineNumber, cells: result.data });
    },
  });

  const [header, ...dataRows] = records;
  if (header === undefined) {
    return {
      candidates: [],
      errors: [{ line: 1, field: "file", ...rowProblem("emptyFile") }],
      badLines: [],
      warnings: [],
    };
  }
  const columns = header.cells.map((name) => canonicalField(name));
  const warnings = header.cells
    .filter((_, i) => columns[i] === undefined)
    .map((name) => `column "${name.trim()}" is not one Preview Desk reads; it was ignored`);
  const missing = requiredCallImportFields.filter((field) => !columns.includes(field));
  if (missing.length > 0) {
    // Every row would fail the same way: say it once, on the header.
    return {
      candidates: [],
      errors: missing.map((field) => ({
        line: header.line,
        field,
        ...rowProblem("columnMissing"),
      })),
      badLines: dataRows.map((row) => `l${row.line}`),
      warnings,
    };
  }
  const candidates: Candidate[] = [];
  const errors: ImportError[] = [];
  const badLines: string[] = [];
  for (const row of dataRows) {
    if (row.cells.length !== header.cells.length) {
      errors.push({
        line: row.line,
        field: "row",
        ...rowProblem("cellCount", { cells: row.cells.length, columns: header.cells.length }),
      });
      badLines.push(`l${row.line}`);
      continue;
    }
    const record: Record<string, unknown> = {};
    columns.forEach((field, i) => {
      if (field !== undefined && !(field in record)) record[field] = row.cells[i];
    });
    candidates.push({ line: row.line, record });
  }
  return { candidates, errors, badLines, warnings };
}
