/**
 * npm run bench:overview -- [--calls 100000] [--days 30] [--attempts-per-call 5] [--runs 20]
 *                           [--database-url postgres://…]   (a disposable, empty database)
 *                           [--seeded]   (that database was seeded by an earlier run: measure
 *                                         again without seeding, the last day of its data)
 *
 * The supervisor's overview (issue 13) at size, not part of npm test. It seeds N calls spread
 * over the last D days (default 30) in SQL (a write-back each, ~5 attempts each, 50 agents, 4 tasks) into a
 * fresh embedded database (or --database-url's), then times the whole overview for the
 * day (lib/overview/queries.ts: the five aggregates the page and /api/overview run) against
 * its floor, the one statement every figure needs at least: an index-only count of the
 * day's write-backs. Prints p50 / p95 of both and their ratio, beside the issue's goal
 * (≤ 100 ms p95 at 1,000,000 calls on PostgreSQL, ≤ 300 ms at 100,000 embedded).
 *
 * With a production build present it also prints the chart library's weight: the gzip
 * bytes of the build's client chunks that hold ECharts, which only /overview loads (by a
 * dynamic import; scripts/check-client-chunks.ts keeps it off every other page).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} takes a whole number ≥ 1`);
  return v;
}
const databaseUrl = (() => {
  const i = process.argv.indexOf("--database-url");
  return i >= 0 ? process.argv[i + 1] : undefined;
})();

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
const ms = (v: number) => `${v.toFixed(1)} ms`;

/** ECharts' share of the build: client chunks that carry its code, gzip. */
function chartWeight(): { files: number; gzipBytes: number } | null {
  const dir = path.join(process.cwd(), ".next", "static", "chunks");
  if (!existsSync(dir)) return null;
  let files = 0;
  let gzipBytes = 0;
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(".js")) continue;
    const text = readFileSync(path.join(dir, name));
    // ECharts' own code: its instance key and its registration of processors.
    if (!text.includes("echarts") || !text.includes("registerPreprocessor")) continue;
    files++;
    gzipBytes += gzipSync(text, { level: 9 }).length;
  }
  return { files, gzipBytes };
}

async function main() {
  const n = arg("calls", 100_000);
  const perCall = arg("attempts-per-call", 5);
  const runs = arg("runs", 20);
  // The calls are spread over this many days up to now; the overview asks for the last one.
  const days = arg("days", 30);
  process.env.LOG_LEVEL ??= "error";
  process.env.ISALES_BASE_URL ??= "http://127.0.0.1:9";
  process.env.ISALES_TOKEN ??= "bench-token";
  const dataDir = databaseUrl
    ? undefined
    : await mkdtemp(path.join(tmpdir(), "preview-desk-bench-overview-"));
  const { openDatabase } = await import("@/lib/db");
  const q = await import("@/lib/overview/queries");
  const opened = await openDatabase({ dataDir, databaseUrl });
  const { db } = opened;
  const seeded = process.argv.includes("--seeded");
  if (seeded && !databaseUrl) throw new Error("--seeded needs --database-url");
  let to = new Date();
  const first = new Date(to.getTime() - days * 24 * 3600_000);
  async function seed() {
    await db.execute(sql`
        INSERT INTO users (username, password_hash, role)
        SELECT 'bench-agent-' || g, 'x', 'agent' FROM generate_series(1, 50) g`);
    const [firstUser] = (
      (await db.execute(
        sql`SELECT min(id) AS id FROM users WHERE username LIKE 'bench-agent-%'`,
      )) as unknown as {
        rows: { id: unknown }[];
      }
    ).rows;
    const u0 = Number(firstUser?.id ?? 1);
    // Calls over the last day; write-back and outcome per call; attempts per write-back.
    await db.execute(sql`
        INSERT INTO calls (sub_cc_no, vdn_id, service_id, unique_id, phone_numbers, fetch_time, created_at,
                           assigned_to, version, status, fail_code, device_type, write_back_state, last_write_back_at)
        SELECT 1, 88, 'TASK-' || (g % 4), 'B' || lpad(g::text, 12, '0'), ARRAY['138' || lpad(g::text, 8, '0')],
               ${first.toISOString()}::timestamptz + (g * (${days} * 86400.0 / ${n})) * interval '1 second',
               ${first.toISOString()}::timestamptz + (g * (${days} * 86400.0 / ${n})) * interval '1 second',
               ${u0} + (g % 50), 1, CASE WHEN g % 3 = 0 THEN '6' ELSE '5' END,
               CASE WHEN g % 3 = 0 THEN '00000' WHEN g % 3 = 1 THEN '00145' ELSE '00146' END, 5,
               CASE WHEN g % 50 = 0 THEN 'failed' ELSE 'accepted' END,
               ${first.toISOString()}::timestamptz + (g * (${days} * 86400.0 / ${n}) + 60) * interval '1 second'
        FROM generate_series(1, ${n}) g`);
    await db.execute(sql`
        INSERT INTO write_backs (call_id, submission_id, request_body, call_version, created_at, user_id,
                                 state, attempts, finished_at)
        SELECT c.id, gen_random_uuid(), '{}', 1, c.created_at + interval '60 seconds', c.assigned_to,
               CASE WHEN c.write_back_state = 'failed' THEN 'attention' ELSE 'accepted' END,
               ${perCall}, c.created_at + interval '61 seconds'
        FROM calls c`);
    await db.execute(sql`
        INSERT INTO write_back_attempts (write_back_id, call_id, started_at, duration_ms, outcome, http_status)
        SELECT w.id, w.call_id, w.created_at + a * interval '1 second', 20,
               CASE WHEN a = ${perCall} THEN 'accepted' ELSE 'http_error' END,
               CASE WHEN a = ${perCall} THEN 200 ELSE 503 END
        FROM write_backs w CROSS JOIN generate_series(1, ${perCall}) a`);
    await db.execute(sql`ANALYZE`);
  }
  try {
    const seedStarted = performance.now();
    if (seeded) {
      const found = (await db.execute(sql`SELECT max(created_at) AS at FROM write_backs`)) as unknown as {
        rows: { at: unknown }[];
      };
      const at = found.rows[0]?.at;
      if (at === null || at === undefined) throw new Error("--seeded: the database holds no write-backs");
      to = new Date(new Date(at instanceof Date ? at : String(at)).getTime() + 1);
    } else await seed();
    const from = new Date(to.getTime() - 24 * 3600_000);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const time = async (f: () => Promise<unknown>) => {
      for (let i = 0; i < 3; i++) await f(); // warm
      const out: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await f();
        out.push(performance.now() - started);
      }
      return out.sort((a, b) => a - b);
    };
    // Interleaved in spirit: the floor first, then the overview, same data, same process.
    const floor = await time(() =>
      db.execute(
        sql`SELECT count(*) FROM write_backs WHERE created_at >= ${from.toISOString()}::timestamptz AND created_at < ${to.toISOString()}::timestamptz`,
      ),
    );
    const range = { from, to };
    const full = await time(() => q.overview(db, range));
    // Each aggregate alone, to see which one costs what.
    const parts = {
      totals: await time(() => q.overviewTotals(db, range)),
      "15-minute buckets": await time(() => q.overviewBuckets(db, range)),
      outcomes: await time(() => q.overviewOutcomes(db, range)),
      agents: await time(() => q.overviewAgents(db, range)),
      tasks: await time(() => q.overviewTasks(db, range)),
    };
    const kind = databaseUrl ? "PostgreSQL" : "embedded (PGlite)";
    const goal = databaseUrl ? "≤ 100 ms p95 at 1,000,000 calls" : "≤ 300 ms p95 at 100,000 calls";
    console.log(
      `Overview for the last day of ${days}, ${kind}, ${n.toLocaleString("en")} calls, ${(n * perCall).toLocaleString("en")} attempts (${seeded ? "seeded before" : `seeded in ${seedSeconds.toFixed(0)} s`}), ${runs} runs`,
    );
    console.log(`  measure                         p50        p95`);
    console.log(
      `  overview (5 aggregates)         ${ms(quantile(full, 0.5)).padEnd(10)} ${ms(quantile(full, 0.95))}`,
    );
    console.log(
      `  floor: count of the day's rows  ${ms(quantile(floor, 0.5)).padEnd(10)} ${ms(quantile(floor, 0.95))}`,
    );
    for (const [name, t] of Object.entries(parts))
      console.log(`    ${name.padEnd(30)}${ms(quantile(t, 0.5)).padEnd(10)} ${ms(quantile(t, 0.95))}`);
    console.log(
      `  ratio (p95)                     ${(quantile(full, 0.95) / quantile(floor, 0.95)).toFixed(1)}×`,
    );
    console.log(`  goal                            ${goal}`);
    const weight = chartWeight();
    if (weight)
      console.log(
        `Chart library (ECharts, tree-shaken): ${(weight.gzipBytes / 1024).toFixed(1)} kB gzip in ${weight.files} chunk(s), loaded only by /overview`,
      );
  } finally {
    await opened.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
