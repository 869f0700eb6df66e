import pg from "pg";
import { actionIds, actionResult } from "@/e2e/server-actions";
import { runImportCommand } from "@/test/support/run-command";
import type { CorpusContext } from "./context";

/**
 * What a case sees of the running product: HTTP to the server, the server actions by id,
 * the import command as a child process, the database (to snapshot it), and what the iSales
 * simulator received.
 */

/** How the product answered one case, reduced to what the corpus judges. */
export type Answer = {
  /** HTTP status, or the import command's exit code. */
  code: number;
  /** A 5xx, an action that threw, or a command that crashed. */
  serverError: boolean;
  /** A 4xx, an action's `ok: false`, or the command's refusal (exit 1 or 2). */
  refused: boolean;
  /** The refusal names one of the case's fields (always true when the case names none). */
  namesField: boolean;
  /** A short account of the answer, for the report. */
  summary: string;
  /** Tables the answer may change (an upload's preview job); checked by `allowed`. */
  mayChange?: { table: string; check: () => Promise<string | null> };
};

/** Tables a refused request must leave alone, with the columns that change by design left out. */
const snapshotSources: [string, string][] = [
  ["calls", "calls"],
  ["call_phone_numbers", "call_phone_numbers"],
  ["write_backs", "write_backs"],
  ["write_back_attempts", "write_back_attempts"],
  ["call_versions", "call_versions"],
  ["drafts", "drafts"],
  ["users", "users"],
  ["sessions", "sessions"],
  ["import_jobs", "import_jobs"],
  // last_used_at is stamped on every authenticated API request, good or bad.
  [
    "api_keys",
    "(SELECT id, name, prefix, key_hash, service_ids, rate_limit_per_min, created_by, created_at, revoked_at FROM api_keys)",
  ],
  ["bulk_jobs", "bulk_jobs"],
  ["pull_tasks", "pull_tasks"],
  ["pull_rejects", "pull_rejects"],
  ["app_secrets", "app_secrets"],
];
const snapshotSql = snapshotSources
  .map(
    ([name, source]) =>
      `SELECT '${name}' AS t, count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${source} x`,
  )
  .join(" UNION ALL ");

export type Snapshot = Map<string, string>;

export class Harness {
  readonly db: pg.Pool;
  private ids: Map<string, string> | null = null;

  constructor(readonly ctx: CorpusContext) {
    this.db = new pg.Pool({ connectionString: ctx.databaseUrl, max: 2 });
  }

  async close() {
    await this.db.end();
  }

  actionId(key: string): string {
    this.ids ??= actionIds();
    const id = this.ids.get(key);
    if (!id) throw new Error(`${key} is not in the build's server-reference manifest`);
    return id;
  }

  async snapshot(): Promise<Snapshot> {
    const result = await this.db.query<{ t: string; n: number; h: string }>(snapshotSql);
    return new Map(result.rows.map((r) => [r.t, `${r.n}:${r.h}`]));
  }

  static changed(before: Snapshot, after: Snapshot): string[] {
    return [...before.keys()].filter((t) => before.get(t) !== after.get(t));
  }

  /** Rate-limit counters are not data: cleared before each case so each is judged alone. */
  async clearRateLimits() {
    await this.db.query("DELETE FROM rate_limits");
  }

  /**
   * Wait (at most 5 s) until no write-back is waiting to be sent, so that a write-back a case
   * let through is sent, and counted, within that case and not during the next one.
   */
  async settle() {
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      const r = await this.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM write_backs WHERE state IN ('queued', 'sending', 'retrying')",
      );
      if (r.rows[0]?.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Write-backs the simulator has received (midresult and result), all told. */
  async upstreamCount(): Promise<number> {
    const response = await fetch(`${this.ctx.simUrl}/__sim/received`);
    const all = (await response.json()) as { interface: string | null }[];
    return all.filter((r) => r.interface === "midresult" || r.interface === "result").length;
  }

  async callByUniqueId(uniqueId: string): Promise<{ id: number; version: number; phone: string }> {
    const r = await this.db.query<{ id: string; version: number; phone: string }>(
      "SELECT id, version, phone_numbers[1] AS phone FROM calls WHERE unique_id = $1",
      [uniqueId],
    );
    const row = r.rows[0];
    if (!row) throw new Error(`no call ${uniqueId}`);
    return { id: Number(row.id), version: row.version, phone: row.phone };
  }

  cookie(user: string): string {
    const value = this.ctx.cookies[user];
    if (!value) throw new Error(`no session for ${user}`);
    return `pd_session=${value}`;
  }

  /** A POST to a server action, as the browser makes it. */
  async action(
    key: string,
    body: string | FormData | Uint8Array<ArrayBuffer>,
    options: { user?: string; headers?: Record<string, string>; actionId?: string } = {},
  ): Promise<{ status: number; text: string; result: Record<string, unknown> | null }> {
    const headers: Record<string, string> = {
      "Next-Action": options.actionId ?? this.actionId(key),
      Accept: "text/x-component",
      ...(options.user ? { Cookie: this.cookie(options.user) } : {}),
      ...(typeof body === "string" || body instanceof Uint8Array
        ? { "Content-Type": "text/plain;charset=UTF-8" }
        : {}),
      ...options.headers,
    };
    const response = await fetch(`${this.ctx.appUrl}/`, {
      method: "POST",
      headers,
      body,
      redirect: "manual",
    });
    const text = await response.text();
    return { status: response.status, text, result: actionResult(text) };
  }

  async http(
    path: string,
    init: RequestInit & { user?: string } = {},
  ): Promise<{ status: number; text: string; json: unknown }> {
    const headers = new Headers(init.headers);
    if (init.user) headers.set("Cookie", this.cookie(init.user));
    const response = await fetch(`${this.ctx.appUrl}${path}`, { ...init, headers, redirect: "manual" });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, text, json };
  }

  /** The real import command against the corpus database. */
  importCommand(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return runImportCommand(args, {
      NODE_ENV: "production",
      DATABASE_URL: this.ctx.databaseUrl,
      ISALES_TIME_ZONE: "Europe/Berlin",
      LOG_LEVEL: "warn",
    });
  }
}

const short = (text: string, max = 160) => {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
};

/** Judge an API answer: 4xx, and its `errors[].field` (or message) names one of the fields. */
export function apiAnswer(status: number, json: unknown, text: string, fields: readonly string[]): Answer {
  const body = (json ?? {}) as { error?: unknown; errors?: { field?: unknown; message?: unknown }[] };
  const errors = Array.isArray(body.errors) ? body.errors : [];
  const namesField =
    fields.length === 0 ||
    errors.some((e) => fields.includes(String(e.field))) ||
    fields.some((f) => String(body.error ?? "").includes(f));
  const first = errors[0];
  return {
    code: status,
    serverError: status >= 500,
    refused: status >= 400 && status < 500,
    namesField,
    summary: `HTTP ${status} ${first ? `${String(first.field)}: ${short(String(first.message), 80)}` : short(typeof body.error === "string" ? body.error : text, 100)}`,
  };
}

/**
 * Judge a server action's answer: no 5xx; refused (a 4xx, or the action's `ok: false`); the
 * field named in `fieldErrors` or by its label in the message.
 */
export function actionAnswer(
  response: { status: number; text: string; result: Record<string, unknown> | null },
  fields: readonly string[],
  labels: readonly RegExp[] = [],
): Answer {
  const { status, result } = response;
  const fieldErrors = (result?.fieldErrors ?? {}) as Record<string, unknown>;
  const message = typeof result?.message === "string" ? result.message : "";
  // Next answers an action that threw with an error row (`1:E{"digest":…}`), often as HTTP 200.
  const threw = /^[0-9a-f]+:E\{/m.test(response.text);
  const refused = !threw && ((status >= 400 && status < 500) || (status < 400 && result?.ok === false));
  const namesField =
    fields.length === 0 ||
    fields.some((f) => f in fieldErrors) ||
    labels.some((label) => label.test(message)) ||
    fields.some((f) => message.includes(f));
  const errorKeys = Object.keys(fieldErrors);
  const summary =
    status >= 500 || threw || result === null
      ? `HTTP ${status}${threw ? " (the action threw)" : ""} ${short(response.text.replace(/^0:\{.*\}$/m, ""), 100)}`
      : `HTTP ${status} ok=${String(result.ok)}${errorKeys.length > 0 ? ` fieldErrors=${errorKeys.join(",")}` : ""} ${short(message, 90)}`;
  return { code: status, serverError: status >= 500 || threw, refused, namesField, summary };
}
