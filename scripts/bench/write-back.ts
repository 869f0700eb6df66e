import { randomUUID } from "node:crypto";
import type { OpenedDatabase } from "@/lib/db";
import { sceneForm } from "@/test/support/delivery";

/**
 * The write-back measures of `npm run bench` (issue 12): the agent's submit as the server
 * action runs it (submitWriteBack with the process's own delivery: inline send, breaker,
 * background sender), against the iSales simulator in this process, and the same body
 * POSTed straight to the simulator (the floor).
 *
 * - latency: N submissions one after another, iSales answering in 20 ms: p50 / p99 against
 *   the direct POST's;
 * - own cost: the same with iSales answering at once: what the dashboard adds;
 * - load: 16 agents submitting at once (each one after another on their own calls), the
 *   background sender running: submissions answered per second, and the share answered
 *   "sending"/"queued" (not final) although iSales answered within its timeout.
 *
 * The process's database handle is the bench's own (set on globalThis as getDb keeps it),
 * so the product's code runs unchanged on the bench's database.
 */

export type WriteBackRow = { measure: string; value: string; floor: string; ratio: string; goal: string };

type Simulator = Awaited<ReturnType<typeof import("@/tools/isales-sim/server").startSimulator>>;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN;
};

const form = (baseVersion: number) => sceneForm({ baseVersion: String(baseVersion) });

export async function benchWriteBacks(
  opened: OpenedDatabase,
  sim: Simulator,
  o: { label: string; runs: number; agents: number; perAgent: number; bulk: number },
): Promise<WriteBackRow[]> {
  const { users, calls, writeBacks } = await import("@/lib/db/schema");
  const { eq, inArray, sql } = await import("drizzle-orm");
  const { isalesPaths } = await import("@/lib/isales/client");
  const { submitWriteBack } = await import("@/lib/write-back/submit");
  const { ensureSenderStarted, stopSender } = await import("@/lib/delivery/process");
  const { db } = opened;
  (globalThis as unknown as { __previewDeskDb?: Promise<OpenedDatabase> }).__previewDeskDb =
    Promise.resolve(opened);

  const made = await db
    .insert(users)
    .values(
      Array.from({ length: o.agents }, (_, i) => ({
        username: `wb-bench-${i}-${randomUUID().slice(0, 6)}`,
        passwordHash: "x",
        role: "agent" as const,
      })),
    )
    .returning({ id: users.id });
  const agents = made.map((u) => ({ id: u.id, role: "agent" as const }));
  /** Fresh calls (no outcome yet) of one agent. */
  const callsOf = async (agentId: number, n: number): Promise<number[]> => {
    const rows = await db
      .insert(calls)
      .values(
        Array.from({ length: n }, () => ({
          subCcNo: 1,
          vdnId: 88,
          serviceId: "WB-BENCH",
          uniqueId: `wb-${randomUUID()}`,
          phoneNumbers: ["13800000001", "13900000001"],
          fetchTime: new Date("2025-11-20T01:15:00Z"),
          assignedTo: agentId,
        })),
      )
      .returning({ id: calls.id });
    return rows.map((r) => r.id);
  };
  const first = agents[0];
  if (!first) throw new Error("no agent");

  const { ISALES_TOKEN } = process.env;
  const submitOne = async (agent: { id: number; role: "agent" }, callId: number) => {
    const t = performance.now();
    const result = await submitWriteBack(callId, form(0), agent);
    const ms = performance.now() - t;
    if (!result.ok) throw new Error(`submit refused: ${result.message}`);
    return { ms, state: result.status.state, final: result.status.final };
  };
  const sequential = async (n: number) => {
    const ids = await callsOf(first.id, n + 1);
    await submitOne(first, ids[n] ?? 0); // warm-up
    const times: number[] = [];
    for (let i = 0; i < n; i += 1) times.push((await submitOne(first, ids[i] ?? 0)).ms);
    return times;
  };
  const [sample] = await db
    .select({ body: writeBacks.requestBody })
    .from(writeBacks)
    .where(eq(writeBacks.interface, "midresult"))
    .limit(1);
  const directPost = async (n: number, body: string) => {
    const url = `${sim.url}${isalesPaths.midresult}`;
    const post = async () => {
      const t = performance.now();
      const res = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${ISALES_TOKEN}` },
        body,
      });
      await res.text();
      return performance.now() - t;
    };
    await post();
    const times: number[] = [];
    for (let i = 0; i < n; i += 1) times.push(await post());
    return times;
  };

  const rows: WriteBackRow[] = [];
  const fmt = (v: number) => `${v.toFixed(1)} ms`;
  const pair = (a: number[], p: number) => percentile(a, p);

  // 1. iSales answering in 20 ms: the agent's wait against a direct POST.
  sim.setFaults({ latencyMs: 20 });
  const slow = await sequential(o.runs);
  const body =
    sample?.body ??
    (await db.select({ body: writeBacks.requestBody }).from(writeBacks).limit(1))[0]?.body ??
    "{}";
  const slowFloor = await directPost(o.runs, body);
  rows.push({
    measure: `write-back, iSales at 20 ms, p50 / p99 (${o.label})`,
    value: `${fmt(pair(slow, 0.5))} / ${fmt(pair(slow, 0.99))}`,
    floor: `${fmt(pair(slowFloor, 0.5))} / ${fmt(pair(slowFloor, 0.99))} (direct POST)`,
    ratio: `${(pair(slow, 0.5) / pair(slowFloor, 0.5)).toFixed(2)}× / ${(pair(slow, 0.99) / pair(slowFloor, 0.99)).toFixed(2)}×`,
    goal: "≤ 1.15× / ≤ 1.4×",
  });

  // 2. iSales answering at once: what the dashboard itself costs.
  sim.setFaults({});
  const fast = await sequential(o.runs);
  const fastFloor = await directPost(o.runs, body);
  rows.push({
    measure: `write-back own cost, iSales at once, p50 (${o.label})`,
    value: fmt(pair(fast, 0.5)),
    floor: `${fmt(pair(fastFloor, 0.5))} (direct POST)`,
    ratio: `${(pair(fast, 0.5) / pair(fastFloor, 0.5)).toFixed(1)}×`,
    goal: o.label === "PGlite" ? "≤ 8 ms" : "≤ 5 ms",
  });

  // 3. Load: every agent at once, the background sender running as in the server.
  sim.setFaults({ latencyMs: 20 });
  await ensureSenderStarted();
  const perAgentCalls = await Promise.all(agents.map((a) => callsOf(a.id, o.perAgent)));
  const answered: { state: string; final: boolean }[] = [];
  const t0 = performance.now();
  await Promise.all(
    agents.map(async (agent, i) => {
      for (const callId of perAgentCalls[i] ?? []) answered.push(await submitOne(agent, callId));
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const allIds = perAgentCalls.flat();
  const [acceptedRow] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(writeBacks)
    .where(sql`${inArray(writeBacks.callId, allIds)} and ${writeBacks.state} = 'accepted'`);
  await stopSender();
  const notFinal = answered.filter((a) => !a.final).length;
  rows.push({
    measure: `${o.agents} agents at once, iSales at 20 ms: answered / s (${o.label})`,
    value: `${(answered.length / seconds).toFixed(1)}/s (${answered.length} in ${seconds.toFixed(1)} s; ${acceptedRow?.n ?? 0} accepted by then)`,
    floor: "–",
    ratio: "–",
    goal: o.label === "PGlite" ? "≥ 150/s" : "≥ 400/s",
  });
  rows.push({
    measure: `answered "sending"/"queued" under that load (${o.label})`,
    value: `${((100 * notFinal) / answered.length).toFixed(1)} % (${notFinal} of ${answered.length})`,
    floor: "–",
    ratio: "–",
    goal: "0 %",
  });
  // 4. The background sender alone: a supervisor's bulk re-send of o.bulk calls (planBulk,
  //    sendBulk) delivered by the process's sender (DELIVERY_CONCURRENCY) to an instant iSales.
  if (o.bulk > 0) {
    const { planBulk, sendBulk, bulkProgress } = await import("@/lib/review/bulk");
    const { catalogue } = await import("@/lib/catalogue");
    const stamp = Date.now();
    const failed = await db
      .insert(calls)
      .values(
        Array.from({ length: o.bulk }, (_, i) => ({
          subCcNo: 1,
          vdnId: 88,
          serviceId: "WB-BULK",
          uniqueId: `wb-bulk-${stamp}-${i}`,
          phoneNumbers: ["13800000001"],
          fetchTime: new Date("2025-11-20T01:15:00Z"),
          status: "5",
          failCode: "00146",
          deviceType: 2,
          phoneNumber: "13800000001",
          version: 1,
          writeBackState: "failed" as const,
        })),
      )
      .returning({ id: calls.id });
    const [supervisor] = await db
      .insert(users)
      .values({ username: `wb-bench-sup-${randomUUID().slice(0, 6)}`, passwordHash: "x", role: "supervisor" })
      .returning({ id: users.id });
    const bulkOptions = { timeZone: "Asia/Shanghai", catalogue: catalogue() };
    const plan = await planBulk(db, {
      callIds: failed.map((r) => r.id),
      selection: "bench",
      userId: supervisor?.id ?? 0,
      ...bulkOptions,
    });
    sim.setFaults({});
    const t1 = performance.now();
    const sent = await sendBulk(db, {
      bulkId: plan.id,
      userId: supervisor?.id ?? 0,
      reason: "bench",
      ...bulkOptions,
    });
    if (!sent.ok) throw new Error(sent.message);
    const sender = await ensureSenderStarted();
    sender.wake();
    let progress = await bulkProgress(db, plan.id);
    while (!progress.done) {
      await new Promise((r) => setTimeout(r, 20));
      progress = await bulkProgress(db, plan.id);
    }
    const bulkSeconds = (performance.now() - t1) / 1000;
    await stopSender();
    rows.push({
      measure: `sender, bulk re-send to an instant iSales: write-backs / s (${o.label})`,
      value: `${(o.bulk / bulkSeconds).toFixed(0)}/s (${progress.byState.accepted ?? 0} of ${o.bulk} accepted in ${bulkSeconds.toFixed(1)} s, queueing included)`,
      floor: "–",
      ratio: "–",
      goal: o.label === "PGlite" ? "≥ 300/s" : "≥ 1,000/s",
    });
  }
  for (const r of rows) console.error(`  ${r.measure}: ${r.value} (floor ${r.floor})`);
  return rows;
}
