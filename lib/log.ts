import "server-only";
import pino from "pino";
import { settings } from "./settings";

/**
 * One logger for the server. Secrets never reach it: the iSales client never passes
 * tokens or passwords, and these paths are redacted anyway as a second guard. Phone
 * numbers are logged masked (see maskPhone). Addresses are logged without their query
 * string: a query can hold a search for a phone number, a `password=` typed by mistake or
 * a token, so whatever logs a URL (an access line, an error with its request) keeps only
 * the path.
 */
const globalForLog = globalThis as unknown as { __previewDeskLog?: pino.Logger };

/** Keys whose value is an address: its query and fragment are cut off. */
const URL_KEYS: ReadonlySet<string> = new Set([
  "url",
  "path",
  "next",
  "href",
  "referer",
  "referrer",
  "location",
  "requestPath",
  "x-preview-desk-path",
]);

const SECRET_PATHS = [
  "token",
  "refreshToken",
  "password",
  "passwd",
  "authorization",
  "cookie",
  "headers.authorization",
  "headers.Authorization",
  "headers.Authentication",
  "headers.cookie",
  "*.token",
  "*.refreshToken",
  "*.passwd",
  "*.password",
  "*.cookie",
];

const URL_PATHS = [...URL_KEYS].flatMap((key) => {
  const at = /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`;
  return [at.startsWith(".") ? key : at, `*${at}`, `*.headers${at}`];
});

/** An address without its query string and fragment: `/sign-in?password=x` → `/sign-in?[redacted]`. */
export function withoutQuery(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const cut = value.search(/[?#]/);
  return cut === -1 ? value : `${value.slice(0, cut)}?[redacted]`;
}

function censor(value: unknown, path: string[]): unknown {
  const key = path.at(-1) ?? "";
  return URL_KEYS.has(key) ? withoutQuery(value) : "[redacted]";
}

/** The logger's options; a separate destination is for tests. */
export function createLogger(level: string, destination?: pino.DestinationStream): pino.Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: "preview-desk" },
    redact: { paths: [...SECRET_PATHS, ...URL_PATHS], censor },
  };
  return destination ? pino(options, destination) : pino(options);
}

export function log(): pino.Logger {
  globalForLog.__previewDeskLog ??= createLogger(settings().LOG_LEVEL);
  return globalForLog.__previewDeskLog;
}

/** Keep the last 4 digits of a number: enough to tell calls apart, not to dial. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return "";
  return phone.length <= 4 ? "*".repeat(phone.length) : `${"*".repeat(phone.length - 4)}${phone.slice(-4)}`;
}
