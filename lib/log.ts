import "server-only";
import pino from "pino";
import { settings } from "./settings";

/**
 * One logger for the server. Secrets never reach it: the iSales client never passes
 * tokens or passwords, and these paths are redacted anyway as a second guard. Phone
 * numbers are logged masked (see maskPhone).
 */
const globalForLog = globalThis as unknown as { __previewDeskLog?: pino.Logger };

export function log(): pino.Logger {
  globalForLog.__previewDeskLog ??= pino({
    level: settings().LOG_LEVEL,
    base: { app: "preview-desk" },
    redact: {
      paths: [
        "token",
        "refreshToken",
        "password",
        "passwd",
        "authorization",
        "headers.authorization",
        "headers.Authorization",
        "headers.Authentication",
        "*.token",
        "*.refreshToken",
        "*.passwd",
        "*.password",
      ],
      censor: "[redacted]",
    },
  });
  return globalForLog.__previewDeskLog;
}

/** Keep the last 4 digits of a number: enough to tell calls apart, not to dial. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return "";
  return phone.length <= 4 ? "*".repeat(phone.length) : `${"*".repeat(phone.length - 4)}${phone.slice(-4)}`;
}
