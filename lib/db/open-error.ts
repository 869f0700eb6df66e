import { maskValues } from "./errors";
import { DatabaseInUseError } from "./index";

type Where = { dataDir: string; databaseUrl?: undefined } | { databaseUrl: string; dataDir?: undefined };

const codeOf = (error: unknown): string | undefined => {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth += 1) {
    const c = current as { code?: unknown; cause?: unknown };
    if (typeof c.code === "string" && c.code !== "") return c.code;
    current = c.cause;
  }
  return undefined;
};

/** host:port/database of a connection string: never its user or password. */
function describeUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}:${url.port || "5432"}${url.pathname}`;
  } catch {
    return "(DATABASE_URL is not a valid address)";
  }
}

/**
 * One line that says why the database could not be opened at start and what to do, for the
 * server's last words before it exits. It names the folder or host, never a password.
 */
export function databaseOpenFailure(error: unknown, where: Where): string {
  if (error instanceof DatabaseInUseError) return `Preview Desk cannot start: ${error.message}`;
  const code = codeOf(error);
  if (where.databaseUrl !== undefined) {
    const at = describeUrl(where.databaseUrl);
    const reason =
      code === "ECONNREFUSED"
        ? "nothing answers there (connection refused)"
        : code === "ENOTFOUND" || code === "EAI_AGAIN"
          ? "the host name is unknown"
          : code === "ETIMEDOUT"
            ? "the connection timed out"
            : code === "28P01" || code === "28000"
              ? "the server refused the user or password"
              : code === "3D000"
                ? "that database does not exist"
                : code === "57P03"
                  ? "the server is starting up or shutting down"
                  : `it failed (${code ?? "no code"}: ${maskValues(error instanceof Error ? error.message : String(error))})`;
    return `Preview Desk cannot start: cannot open the PostgreSQL database at ${at} (DATABASE_URL): ${reason}.`;
  }
  const reason =
    code === "EACCES" || code === "EPERM" || code === "EROFS"
      ? `the folder is not writable (${code}); give the server's user write access or set DATA_DIR to a writable folder`
      : code === "ENOSPC"
        ? "the disk is full (ENOSPC)"
        : code === "ENOTDIR" || code === "EEXIST"
          ? `DATA_DIR is not a folder (${code})`
          : `it failed (${code ?? "no code"}: ${maskValues(error instanceof Error ? error.message : String(error))})`;
  return `Preview Desk cannot start: cannot open the embedded database in ${where.dataDir} (DATA_DIR): ${reason}.`;
}
