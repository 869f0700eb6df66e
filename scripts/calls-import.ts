import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { decodeImportFile, describeEncoding, type EncodingChoice } from "@/lib/calls/decode";
import { importCalls } from "@/lib/calls/import";
import { type CallsFileFormat, parseCallsFile, whereIs } from "@/lib/calls/parse-file";
import { loadCatalogue } from "@/lib/catalogue";
import { DatabaseInUseError, openDatabase } from "@/lib/db";
import { databaseSettings, SettingsError } from "@/lib/settings";
import { isTimeZone } from "@/lib/validation/time-zone";

/**
 * npm run calls:import -- FILE [--skip-bad] [--format json|csv] [--time-zone TZ] [--encoding E]
 *
 * Exit codes: 0 imported; 1 bad rows (nothing imported) or no calls in the file;
 * 2 usage or settings error; 3 the database could not be opened (in use, unreachable).
 */

const USAGE = `Usage: npm run calls:import -- FILE [--skip-bad] [--format json|csv] [--time-zone TZ] [--encoding E]

  FILE          a JSON array of calls, or a CSV file with a header row
  --skip-bad    import the good rows and leave the bad ones out (default: a bad row stops all)
  --format      json or csv (default: from the file's extension)
  --time-zone   IANA zone for fetchTime values without an offset (default: ISALES_TIME_ZONE)
  --encoding    utf-8, gb18030 (also GBK) or auto (default: auto: UTF-8 when the file is valid
                UTF-8, else GB18030; a file that is neither is refused with its line)

Fields: subCCNo, vdnId, serviceId, uniqueId, phoneNumber (several separated by ;), callData,
callerNumber (optional), fetchTime (optional: 2024-05-01 14:30:00 or 2024-05-01T14:30:00+08:00),
agent (optional: the username of the agent the call is given to).`;

type Args = {
  file: string;
  skipBad: boolean;
  format?: CallsFileFormat;
  timeZone?: string;
  encoding: EncodingChoice;
};

class UsageError extends Error {}

const n = (value: number) => value.toLocaleString("en");

function parseArgs(argv: readonly string[]): Args | "help" {
  let file: string | undefined;
  let skipBad = false;
  let format: CallsFileFormat | undefined;
  let timeZone: string | undefined;
  let encoding: EncodingChoice = "auto";
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? "";
    const [name, inline] = arg.startsWith("--") && arg.includes("=") ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = () => {
      let v = inline;
      if (v === undefined) {
        i += 1;
        v = argv[i];
      }
      if (v === undefined || v === "") throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (name === "--help" || name === "-h") return "help";
    else if (name === "--skip-bad") skipBad = true;
    else if (name === "--format") {
      const v = value();
      if (v !== "json" && v !== "csv") throw new UsageError("--format must be json or csv");
      format = v;
    } else if (name === "--time-zone") timeZone = value();
    else if (name === "--encoding") {
      const v = value().toLowerCase();
      if (v === "utf-8" || v === "utf8") encoding = "utf-8";
      else if (v === "gb18030" || v === "gbk" || v === "gb2312") encoding = "gb18030";
      else if (v === "auto") encoding = "auto";
      else throw new UsageError("--encoding must be utf-8, gb18030 (or gbk) or auto");
    } else if (name?.startsWith("-")) throw new UsageError(`unknown option ${name}`);
    else if (file === undefined) file = arg;
    else throw new UsageError("give one file");
  }
  if (file === undefined) throw new UsageError("give the file to import");
  return { file, skipBad, format, timeZone, encoding };
}

async function main(argv: readonly string[]): Promise<number> {
  let args: Args;
  try {
    const parsed = parseArgs(argv);
    if (parsed === "help") {
      console.log(USAGE);
      return 0;
    }
    args = parsed;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`calls:import: ${error.message}\n\n${USAGE}`);
    return 2;
  }

  let s: ReturnType<typeof databaseSettings>;
  try {
    s = databaseSettings();
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    console.error(error.message);
    return 2;
  }
  const timeZone = args.timeZone ?? s.ISALES_TIME_ZONE;
  if (!isTimeZone(timeZone)) {
    console.error(`calls:import: ${timeZone} is not an IANA time zone name such as UTC or Asia/Shanghai`);
    return 2;
  }
  const extension = path.extname(args.file).toLowerCase();
  const format = args.format ?? (extension === ".json" ? "json" : extension === ".csv" ? "csv" : undefined);
  if (format === undefined) {
    console.error(
      `calls:import: cannot tell the format of ${args.file} from its name: add --format json or csv`,
    );
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(args.file);
  } catch (error) {
    const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
    console.error(
      `calls:import: cannot read ${args.file}${code === "ENOENT" ? ": no such file" : ` (${code})`}`,
    );
    return 2;
  }

  const decoded = decodeImportFile(bytes, args.encoding);
  if (!decoded.ok) {
    console.error(`line ${decoded.line}: ${args.file} ${decoded.message}; nothing was imported.`);
    return 1;
  }
  console.log(`Reading ${args.file} as ${describeEncoding(decoded)}.`);
  // The same rules as the API and the import page: fetchTime from the catalogue's earliest year.
  let earliestYear: number;
  try {
    earliestYear = loadCatalogue(process.env.CATALOGUE_FILE?.trim() || "config/catalogue.json").rules.times
      .earliestYear;
  } catch (error) {
    console.error(`calls:import: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const parsed = parseCallsFile(decoded.text, format, { timeZone, earliestYear });
  for (const warning of parsed.warnings) console.error(`warning: ${warning}`);
  for (const e of parsed.errors) console.error(`${whereIs(e)}, field ${e.field}: ${e.message}`);
  if (parsed.errors.length > 0 && !args.skipBad) {
    console.error(
      `${n(parsed.badRows)} bad row(s) in ${args.file}; nothing was imported. ` +
        "Correct them, or run again with --skip-bad to import only the good rows.",
    );
    return 1;
  }
  if (parsed.rows.length === 0) {
    console.error(`No calls to import in ${args.file}; nothing was imported.`);
    return 1;
  }

  // Refused at once when the server holds the embedded database: touch nothing.
  let opened: Awaited<ReturnType<typeof openDatabase>>;
  try {
    opened = await openDatabase({ dataDir: s.DATA_DIR, databaseUrl: s.DATABASE_URL, lockWaitMs: 0 });
  } catch (error) {
    if (error instanceof DatabaseInUseError) {
      console.error(error.message);
      return 3;
    }
    // The connection string may hold a password: name the cause, not the setting's value.
    console.error(
      `calls:import: cannot open the database: ${error instanceof Error ? error.message : "unknown error"}`,
    );
    return 3;
  }
  try {
    const result = await importCalls(opened.db, parsed, { skipBad: args.skipBad });
    // Agents are checked against the database, so their errors come only now.
    for (const e of result.errors.filter((x) => x.field === "agent")) {
      console.error(`${whereIs(e)}, field ${e.field}: ${e.message}`);
    }
    if (!result.imported) {
      console.error(
        `${result.skipped} bad row(s) in ${args.file}; nothing was imported. ` +
          "Correct them, or run again with --skip-bad to import only the good rows.",
      );
      return 1;
    }
    const where = opened.kind === "pglite" ? `the embedded database in ${s.DATA_DIR}` : "PostgreSQL";
    console.log(
      `Imported ${args.file} into ${where}: ${n(result.inserted)} new, ${n(result.updated)} updated` +
        (result.skipped > 0 ? `, ${n(result.skipped)} bad row(s) left out.` : "."),
    );
    return 0;
  } finally {
    await opened.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`calls:import failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 3;
  },
);
