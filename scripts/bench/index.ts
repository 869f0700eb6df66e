import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { createApiKey } from "@/lib/api-keys/keys";
import type { OpenedDatabase } from "@/lib/db";
import { createPostgresDatabase } from "@/test/support/databases";
import { seedCalls } from "@/test/support/seed-calls";
import { measureServerMemory, planWriteBacks, SERVER_NODE_OPTIONS } from "./server-memory";
import { benchWriteBacks } from "./write-back";

type Simulator = Awaited<ReturnType<typeof import("@/tools/isales-sim/server").startSimulator>>;

/**
 * `npm run bench`: the list, review, queue and API pages' data and the review's CSV export
 * against their floor (the same SQL sent straight to the driver), on PGlite and, with
 * --database-url, on PostgreSQL; seeds the calls itself and prints one table.
 *
 *   npm run bench -- [--calls N | --million] [--runs N] [--database-url postgres://…]
 *                    [--no-pglite] [--server [--server-write-backs 10000] [--node-options "…"]]
 *                    [--browser] [--csv-rows N]
 *                    [--write-backs N | --no-write-backs] [--agents 16] [--per-agent 20] [--bulk 2000] [--no-lists]
 *
 * --calls: how many calls (100,000; --million: 1,000,000). --runs: timed runs per measure
 * after one warm-up (30). --database-url: a server where the user may CREATE DATABASE (a
 * database with a random name is made and dropped). --server: also start the built server
 * (`npm run build` first) on the seeded database and read its resident memory when idle,
 * then after --server-write-backs submissions through its server action (server-memory.ts),
 * with the image's NODE_OPTIONS or --node-options.
 * --write-backs: submissions per write-back latency measure (100; see write-back.ts), then
 * --agents agents submitting --per-agent each at once, then a bulk re-send of --bulk calls
 * through the background sender. --no-lists: the write-backs only. --browser: also the
 * browser's measures of bench:agent (first-load JavaScript against a bare page, click
 * "Send" → answer on screen, next call) on the built server, in the same table.
 * A benchmark, not a test: it prints figures and never fails on them.
 */

type Options = {
  calls: number;
  runs: number;
  databaseUrl?: string;
  pglite: boolean;
  server: boolean;
  /** Also run bench:agent (the browser's measures) on the built server. */
  browser: boolean;
  serverWriteBacks: number;
  nodeOptions: string;
  csvRows?: number;
  /** Sequential write-backs per latency measure (0: none). */
  writeBacks: number;
  agents: number;
  perAgent: number;
  /** Calls in the bulk re-send through the sender (0: none). */
  bulk: number;
  lists: boolean;
};

function parseOptions(argv: string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i === -1 ? undefined : argv[i + 1];
  };
  const int = (name: string, fallback: number) => {
    const v = Number(value(name));
    return Number.isInteger(v) && v > 0 ? v : fallback;
  };
  return {
    calls: argv.includes("--million") ? 1_000_000 : int("--calls", 100_000),
    runs: int("--runs", 30),
    databaseUrl: value("--database-url"),
    pglite: !argv.includes("--no-pglite"),
    server: argv.includes("--server"),
    browser: argv.includes("--browser"),
    serverWriteBacks: argv.includes("--server-write-backs")
      ? Number(value("--server-write-backs")) || 0
      : 10_000,
    nodeOptions: value("--node-options") ?? SERVER_NODE_OPTIONS,
    csvRows: value("--csv-rows") === undefined ? undefined : int("--csv-rows", 100_000),
    writeBacks: argv.includes("--no-write-backs") ? 0 : int("--write-backs", 100),
    agents: int("--agents", 16),
    perAgent: int("--per-agent", 20),
    bulk: int("--bulk", 2000),
    lists: !argv.includes("--no-lists"),
  };
}

type Row = { measure: string; value: string; floor: string; ratio: string; goal: string };

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN;
};

/** p50 and p95 in ms of `runs` calls after one warm-up. */
async function time(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

const ms = (t: { p50: number; p95: number }) => `${t.p50.toFixed(1)} / ${t.p95.toFixed(1)} ms`;

/** A raw statement straight to the driver (PGlite's query, or a pg client): the floor. */
type Raw = (text: string, params?: unknown[]) => Promise<unknown>;

async function rawFor(
  opened: OpenedDatabase,
  databaseUrl: string | undefined,
): Promise<{ raw: Raw; end(): Promise<void> }> {
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return { raw: (text, params) => client.query(text, params), end: () => client.end() };
  }
  const client = (
    opened.db as unknown as { $client: { query(text: string, params?: unknown[]): Promise<unknown> } }
  ).$client;
  return { raw: (text, params) => client.query(text, params), end: async () => {} };
}

async function benchBackend(kind: "pglite" | "postgres", o: Options, sim: Simulator): Promise<Row[]> {
  const settings: Record<string, string> = {
    NODE_ENV: "production",
    SESSION_SECRET: "b".repeat(64),
    ISALES_BASE_URL: sim.url,
    ISALES_TOKEN: "bench",
    LOG_LEVEL: "error",
  };
  let dataDir: string | undefined;
  let pgDb: { databaseUrl: string; drop(): Promise<void> } | undefined;
  if (kind === "postgres") {
    pgDb = await createPostgresDatabase(o.databaseUrl ?? "");
    settings.DATABASE_URL = pgDb.databaseUrl;
  } else {
    dataDir = await mkdtemp(path.join(tmpdir(), "preview-desk-bench-"));
    settings.DATA_DIR = dataDir;
  }
  Object.assign(process.env, settings);
  const { openDatabase } = await import("@/lib/db");
  const { listCalls, listServiceIds } = await import("@/lib/calls/queries");
  const { listReviewWithCounts } = await import("@/lib/review/queries");
  const { listQueue } = await import("@/lib/review/queue");
  const { reviewCsvStream } = await import("@/lib/review/csv");
  const { reviewFilterSchema } = await import("@/lib/review/filter");
  const { handleCallsGet } = await import("@/lib/api-keys/calls-api");
  const rows: Row[] = [];
  const label = kind === "pglite" ? "PGlite" : "PostgreSQL";
  let opened = await openDatabase({ dataDir, databaseUrl: pgDb?.databaseUrl });
  try {
    const started = performance.now();
    const { agents } = await seedCalls(opened.db, o.calls);
    console.error(
      `${label}: seeded ${o.calls.toLocaleString("en")} calls in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    // Not agents[0]: the seed gives it only calls that fall to the pool (g % 20 = 0 implies g % 4 = 0).
    const agent = agents[1] ?? 0;
    const { key } = await createApiKey(
      opened.db,
      { name: "bench", serviceIds: ["*"], rateLimitPerMin: 1_000_000 },
      null,
    );
    const { raw, end } = await rawFor(opened, pgDb?.databaseUrl);
    const db = opened.db;
    const serverRows = async () => {
      if (!o.server) return;
      const plan =
        o.serverWriteBacks > 0
          ? await planWriteBacks(opened.db, agent, settings.SESSION_SECRET ?? "", 2_000)
          : null;
      await opened.close();
      const memory = await measureServerMemory(settings, plan, {
        writeBacks: o.serverWriteBacks,
        concurrency: 8,
        nodeOptions: o.nodeOptions,
      });
      const goals = kind === "pglite" ? { idle: 250, after: 350 } : { idle: 120, after: 200 };
      const flags = o.nodeOptions || "no NODE_OPTIONS";
      rows.push({
        measure: `server RSS, idle after start (${label}; ${flags})`,
        value: memory === null ? "not measured: run `npm run build` first" : `${memory.idleMb.toFixed(0)} MB`,
        floor: "–",
        ratio: memory === null ? "–" : `${(memory.idleMb / goals.idle).toFixed(2)}× goal`,
        goal: `≤ ${goals.idle} MB`,
      });
      const after = memory?.after;
      if (after)
        rows.push({
          measure: `server RSS after ${o.serverWriteBacks.toLocaleString("en")} write-backs through the action (${label}; ${
            after.accepted
          } ok, ${after.refused} refused, ${after.lostAnswers} unanswered, ${(after.accepted / after.seconds).toFixed(0)}/s${
            after.drained ? "" : "; queue NOT drained"
          })`,
          value: `${after.mb.toFixed(0)} MB (peak ${after.peakMb.toFixed(0)} MB)`,
          floor: "–",
          ratio: `${(after.mb / goals.after).toFixed(2)}× goal`,
          goal: `≤ ${goals.after} MB`,
        });
      opened = await openDatabase({ dataDir, databaseUrl: pgDb?.databaseUrl });
    };
    const listCols =
      "id, service_id, unique_id, phone_numbers, fetch_time, created_at, write_back_state, last_write_back_at";
    const add = async (
      measure: string,
      goal: string,
      value: () => Promise<unknown>,
      floor: () => Promise<unknown>,
    ) => {
      const v = await time(o.runs, value);
      const f = await time(o.runs, floor);
      rows.push({
        measure: `${measure} (${label})`,
        value: ms(v),
        floor: ms(f),
        ratio: `${(v.p50 / f.p50).toFixed(1)}× / ${(v.p95 / f.p95).toFixed(1)}×`,
        goal,
      });
      console.error(`  ${measure}: ${ms(v)} (floor ${ms(f)})`);
    };
    const listGoal = o.calls > 100_000 ? "p95 ≤ 50 ms" : "p95 ≤ 30 ms";
    if (o.writeBacks > 0)
      rows.push(
        ...(await benchWriteBacks(opened, sim, {
          label,
          runs: o.writeBacks,
          agents: o.agents,
          perAgent: o.perAgent,
          bulk: o.bulk,
        })),
      );
    if (!o.lists) {
      await end();
      await serverRows();
      return rows;
    }

    await add(
      "agent list, page 1",
      listGoal,
      () => listCalls(db, { assignedTo: agent, pageSize: 20 }),
      () =>
        raw(
          `SELECT ${listCols} FROM calls WHERE assigned_to = $1 ORDER BY created_at DESC, id DESC LIMIT 20`,
          [agent],
        ),
    );
    await add(
      "list by state (refused), page 1",
      listGoal,
      () => listCalls(db, { state: "refused", pageSize: 20 }),
      () =>
        raw(
          `SELECT ${listCols} FROM calls WHERE write_back_state = 'refused' ORDER BY created_at DESC, id DESC LIMIT 20`,
        ),
    );
    const number = `138${String(Math.floor(o.calls / 2))
      .padStart(8, "0")
      .slice(0, 6)}`;
    await add(
      `list by number (prefix ${number.length} digits)`,
      listGoal,
      () => listCalls(db, { q: number, pageSize: 20 }),
      () =>
        raw(
          `SELECT ${listCols} FROM calls WHERE id IN (SELECT call_id FROM call_phone_numbers WHERE phone LIKE $1)
           ORDER BY created_at DESC, id DESC LIMIT 20`,
          [`${number}%`],
        ),
    );
    const filter = reviewFilterSchema.parse({});
    await add(
      "/review page 1 (rows, counts, tasks)",
      listGoal,
      () => Promise.all([listReviewWithCounts(db, filter), listServiceIds(db)]),
      () =>
        raw(
          `SELECT c.id, c.service_id, c.unique_id, c.phone_numbers, c.fetch_time, c.last_write_back_at,
             c.write_back_state, c.status, c.fail_code, c.asr_result, c.phone_number, c.call_id,
             c.write_start_time, c.end_call_time, c.version,
             (SELECT u.username FROM users u WHERE u.id = c.assigned_to) AS agent
           FROM calls c ORDER BY c.fetch_time DESC, c.id DESC LIMIT 50`,
        ),
    );
    await add(
      "/queue page 1",
      listGoal,
      () => listQueue(db, {}),
      () =>
        raw(`SELECT w.id, w.call_id, c.service_id, c.unique_id, w.state, w.attempts, w.created_at, w.next_attempt_at
             FROM write_backs w JOIN calls c ON c.id = w.call_id
             WHERE w.state IN ('queued', 'sending', 'retrying', 'attention')
             ORDER BY w.created_at, w.id LIMIT 50`),
    );
    const apiRequest = () =>
      new Request("http://bench.local/api/v1/calls?limit=100", {
        headers: { authorization: `Bearer ${key}` },
      });
    await add(
      "GET /api/v1/calls (100 rows)",
      "≤ 2× floor",
      async () => {
        const response = await handleCallsGet(apiRequest(), db, {
          timeZone: "UTC",
          defaultRateLimitPerMin: 600,
        });
        await response.text();
      },
      () =>
        raw(`SELECT id, sub_cc_no, vdn_id, service_id, unique_id, phone_numbers, call_data, caller_number,
               fetch_time, write_back_state, status, fail_code, assigned_to IS NOT NULL, updated_at
             FROM calls WHERE id > 0 ORDER BY id LIMIT 101`),
    );

    // CSV: the whole review (every call), streamed; rows a second and memory while it runs.
    const csvFilter = reviewFilterSchema.parse({ tz: "Asia/Shanghai" });
    const csvRows = Math.min(o.csvRows ?? o.calls, o.calls);
    const filterForRows =
      csvRows < o.calls ? reviewFilterSchema.parse({ tz: "Asia/Shanghai", serviceId: "TASK-01" }) : csvFilter;
    // With --expose-gc (npm run bench passes it): the live heap after a collection, sampled
    // every 20 chunks, is what "flat" is about; the RSS peak also counts garbage not yet collected.
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const rssBefore = process.memoryUsage().rss;
    const heapBefore = process.memoryUsage().heapUsed;
    let rssPeak = rssBefore;
    let heapPeak = heapBefore;
    let chunks = 0;
    let lines = 0;
    const t0 = performance.now();
    const reader = reviewCsvStream(db, filterForRows).getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      const text = decoder.decode(next.value, { stream: true });
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines += 1;
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      chunks += 1;
      if (gc && chunks % 20 === 0) {
        gc();
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      }
    }
    const csvSeconds = (performance.now() - t0) / 1000;
    const exported = lines - 1;
    const f0 = performance.now();
    await raw(`SELECT c.id, c.service_id, c.unique_id, c.phone_numbers, c.fetch_time, c.last_write_back_at,
      c.write_back_state, c.status, c.fail_code, c.asr_result, c.phone_number, c.call_id,
      c.write_start_time, c.end_call_time, c.version,
      (SELECT u.username FROM users u WHERE u.id = c.assigned_to) AS agent
      FROM calls c ${filterForRows.serviceId ? "WHERE c.service_id = 'TASK-01'" : ""}
      ORDER BY c.fetch_time DESC, c.id DESC`);
    const floorSeconds = (performance.now() - f0) / 1000;
    rows.push({
      measure: `CSV export, ${exported.toLocaleString("en")} rows (${label})`,
      value: `${Math.round(exported / csvSeconds).toLocaleString("en")} rows/s`,
      floor: `${Math.round(exported / floorSeconds).toLocaleString("en")} rows/s (one SELECT, no CSV)`,
      ratio: `${(floorSeconds / csvSeconds).toFixed(2)}×`,
      goal: "≥ 50,000 rows/s",
    });
    rows.push({
      measure: `CSV export, memory growth (${label})`,
      value: `RSS +${((rssPeak - rssBefore) / 1024 / 1024).toFixed(0)} MB, live heap ${
        gc ? `+${((heapPeak - heapBefore) / 1024 / 1024).toFixed(0)} MB` : "not sampled (no --expose-gc)"
      } over ${exported.toLocaleString("en")} rows`,
      floor: "–",
      ratio: "–",
      goal: "flat (does not grow with rows)",
    });
    console.error(`  CSV: ${exported} rows in ${csvSeconds.toFixed(2)} s`);
    await end();

    await serverRows();
  } finally {
    await opened.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await pgDb?.drop();
  }
  return rows;
}

/**
 * --browser: the browser's measures (first-load JavaScript against a bare page, click
 * "Send" → answer on screen, next call), from bench:agent on the built server (PGlite).
 */
function browserRows(): Row[] {
  const file = path.join(tmpdir(), `preview-desk-bench-agent-${process.pid}.json`);
  const run = spawnSync(
    path.join("node_modules", ".bin", "tsx"),
    ["--conditions=react-server", "scripts/bench/agent.ts", "--n", "20", "--flows", "5", "--json", file],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  if (run.status !== 0 || !existsSync(file)) {
    return [
      {
        measure: "browser measures",
        value: "not measured: `npm run build` first",
        floor: "–",
        ratio: "–",
        goal: "–",
      },
    ];
  }
  const rows = JSON.parse(readFileSync(file, "utf8")) as Row[];
  rmSync(file, { force: true });
  return rows;
}

function printTable(rows: Row[]): void {
  const head: Row = {
    measure: "measure",
    value: "value (p50 / p95)",
    floor: "floor",
    ratio: "ratio",
    goal: "goal",
  };
  const keys = ["measure", "value", "floor", "ratio", "goal"] as const;
  const all = [head, ...rows];
  const widths = keys.map((k) => Math.max(...all.map((r) => r[k].length)));
  const line = (r: Row) => `| ${keys.map((k, i) => r[k].padEnd(widths[i] ?? 0)).join(" | ")} |`;
  console.log(line(head));
  console.log(`| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`);
  for (const r of rows) console.log(line(r));
}

// tsx runs these scripts as CommonJS, where top-level await is not allowed.
async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const rows: Row[] = [];
  const { startSimulator } = await import("@/tools/isales-sim/server");
  const sim = await startSimulator({ port: 0, host: "127.0.0.1", fixedTokens: ["bench"] });
  try {
    if (o.pglite) rows.push(...(await benchBackend("pglite", o, sim)));
    if (o.databaseUrl) rows.push(...(await benchBackend("postgres", o, sim)));
    if (o.browser) rows.push(...browserRows());
  } finally {
    await sim.close();
  }
  console.log(`\n${o.calls.toLocaleString("en")} calls, ${o.runs} runs per measure after one warm-up\n`);
  printTable(rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
