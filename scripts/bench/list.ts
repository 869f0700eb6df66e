import "server-only";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { openStates } from "@/lib/calls/list-query";
import { agentTally, type ListCallsQuery, listCalls, upsertCalls } from "@/lib/calls/queries";
import { startOfTodayIn } from "@/lib/calls/today";
import { openDatabase } from "@/lib/db";
import type { NewCall } from "@/lib/db/schema";

/**
 * Not a test: seeds 100,000 calls into a temporary PGlite and prints how long the list
 * takes (median of several runs) for page 1, a filtered page and searches, and one agent's
 * views (To do, Done today, All; 50 agents share the calls) and header tally.
 *   npx tsx --conditions=react-server scripts/bench/list.ts [--calls N] [--runs N] [--explain]
 */

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : fallback;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function main() {
  const total = option("--calls", 100_000);
  const runs = option("--runs", 15);
  const explain = process.argv.includes("--explain");
  const dataDir = await mkdtemp(path.join(tmpdir(), "preview-desk-bench-"));
  const opened = await openDatabase({ dataDir });
  const { db } = opened;
  try {
    const services = Array.from({ length: 20 }, (_, i) => `TASK-${String(i).padStart(2, "0")}`);
    const rows: NewCall[] = Array.from({ length: total }, (_, i) => ({
      subCcNo: 1,
      vdnId: 88,
      serviceId: services[i % services.length] ?? "TASK-00",
      uniqueId: `CUST${String(i).padStart(8, "0")}`,
      phoneNumbers:
        i % 3 === 0
          ? [`138${String(i).padStart(8, "0")}`, `139${String(i).padStart(8, "0")}`]
          : [`138${String(i).padStart(8, "0")}`],
      callData: `{"name":"Customer ${i}","plan":"gold"}`,
      fetchTime: new Date(),
    }));
    let started = performance.now();
    const { inserted } = await upsertCalls(db, rows);
    console.log(
      `seeded ${inserted.toLocaleString("en")} calls in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    started = performance.now();
    // Spread creation over 100 days and give 10% each a refused or accepted write-back (made
    // when the call was created, and 1% of them in the last hours), among 50 agents.
    await db.execute(sql`UPDATE calls SET created_at = now() - (id * interval '86 seconds'),
      write_back_state = CASE WHEN id % 10 = 1 THEN 'refused' WHEN id % 10 = 2 THEN 'accepted' ELSE 'none' END,
      assigned_to = (id / 10) % 50 + 1`);
    await db.execute(sql`UPDATE calls SET last_write_back_at =
      CASE WHEN id % 100 < 3 THEN now() - interval '1 hour' ELSE created_at END
      WHERE write_back_state <> 'none'`);
    await db.execute(sql`VACUUM ANALYZE`);
    console.log(
      `spread dates and states, analysed in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const cases: [string, ListCallsQuery][] = [
      ["page 1 (no filter)", {}],
      ["page 200 (no filter)", { page: 200 }],
      ["filtered: state refused", { state: "refused" }],
      ["filtered: state refused + task", { state: "refused", serviceId: "TASK-00" }],
      ["filtered: task, page 3", { serviceId: "TASK-03", page: 3 }],
      ["search: customer id prefix", { q: "CUST0004321" }],
      ["search: phone prefix, narrow", { q: "138000123" }],
      ["search: phone prefix, broad", { q: "1380009" }],
      ["search: full second number", { q: "13900012345" }],
      ["search: prefix matching every call", { q: "CUST" }],
      ["one agent: To do", { assignedTo: 7, states: openStates }],
      ["one agent: Done today", { assignedTo: 7, writtenSince: startOfTodayIn("UTC") }],
      ["one agent: All", { assignedTo: 7 }],
    ];
    console.log(`\nlistCalls, median of ${runs} runs (after one warm-up):`);
    for (const [label, query] of cases) {
      await listCalls(db, query);
      const times: number[] = [];
      let found = 0;
      for (let i = 0; i < runs; i += 1) {
        const t = performance.now();
        const page = await listCalls(db, query);
        times.push(performance.now() - t);
        found = page.total;
      }
      console.log(
        `  ${label.padEnd(40)} ${median(times).toFixed(1).padStart(7)} ms   (total ${found.toLocaleString("en")})`,
      );
    }

    await agentTally(db, 7, startOfTodayIn("UTC"));
    const tallyTimes: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const t = performance.now();
      await agentTally(db, 7, startOfTodayIn("UTC"));
      tallyTimes.push(performance.now() - t);
    }
    console.log(`  ${"one agent's header tally".padEnd(40)} ${median(tallyTimes).toFixed(1).padStart(7)} ms`);

    if (explain) {
      const pattern = "1380009%";
      const plan = await db.execute(sql`EXPLAIN SELECT id FROM calls WHERE id IN (
        SELECT m.id FROM calls m WHERE m.unique_id LIKE ${pattern}
        UNION SELECT p.call_id FROM call_phone_numbers p WHERE p.phone LIKE ${pattern})
        ORDER BY created_at DESC, id DESC LIMIT 25`);
      console.log("\nplan of the search:");
      const lines = z.object({ rows: z.array(z.object({ "QUERY PLAN": z.string() })) }).parse(plan).rows;
      for (const line of lines) console.log(`  ${line["QUERY PLAN"]}`);
    }
  } finally {
    await opened.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
