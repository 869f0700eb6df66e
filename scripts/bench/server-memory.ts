import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import getPort from "get-port";
import { createSession, SESSION_COOKIE } from "@/lib/auth/session";
import type { Db } from "@/lib/db";
import { calls } from "@/lib/db/schema";
import { busyOutcome, postWriteBack, sendWriteBackActionId } from "./server-action";

/**
 * The built server's resident memory (`npm run bench -- --server`): idle after start, then
 * after `writeBacks` submissions through the real server action (as the browser posts
 * them, as the soak does) once its sender has nothing left waiting. The server runs with
 * the image's NODE_OPTIONS (the heap cap of `npm start`) unless told otherwise.
 */

/** What the image and `npm start` give node: see the Dockerfile and package.json. */
export const SERVER_NODE_OPTIONS = "--max-old-space-size=512 --max-semi-space-size=4";

export type MemoryPlan = {
  cookie: string;
  calls: { id: number; phone: string; version: number }[];
};

/** A session for one seeded agent and that agent's calls (read before the server opens the database). */
export async function planWriteBacks(
  db: Db,
  agentId: number,
  sessionSecret: string,
  maxCalls: number,
): Promise<MemoryPlan> {
  const session = await createSession(db, agentId, { secret: sessionSecret, ttlHours: 12 });
  const rows = await db
    .select({ id: calls.id, phones: calls.phoneNumbers, version: calls.version })
    .from(calls)
    .where(eq(calls.assignedTo, agentId))
    .orderBy(asc(calls.id))
    .limit(maxCalls);
  return {
    cookie: `${SESSION_COOKIE}=${session.token}`,
    calls: rows.map((r) => ({ id: r.id, phone: r.phones[0] ?? "", version: r.version })),
  };
}

function rssOfTreeKb(pid: number): number {
  // The server and any process it started (next start may run its server in a child).
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // gone meanwhile
    }
  }
  const tree = new Set([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [child, parent] of parents)
      if (tree.has(parent) && !tree.has(child)) {
        tree.add(child);
        grew = true;
      }
  }
  let total = 0;
  for (const p of tree) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      total += Number(m?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type ServerMemory = {
  idleMb: number;
  /** null when no write-back was asked for. */
  after: {
    mb: number;
    peakMb: number;
    accepted: number;
    refused: number;
    lostAnswers: number;
    seconds: number;
    drained: boolean;
  } | null;
};

/**
 * Starts the built server on the database, reads its RSS idle (after /api/ready and
 * `idleMs`), sends the write-backs (`concurrency` calls at a time, each call's in order),
 * waits until the product's queue gauge says nothing is waiting (at most `drainMs`), idles
 * again and reads its RSS. null when there is no build.
 */
export async function measureServerMemory(
  env: Record<string, string>,
  plan: MemoryPlan | null,
  o: { writeBacks: number; concurrency: number; nodeOptions: string; idleMs?: number; drainMs?: number },
): Promise<ServerMemory | null> {
  if (!existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) return null;
  const idleMs = o.idleMs ?? 5_000;
  const metricsToken = "bench-metrics";
  const port = await getPort();
  const base = `http://127.0.0.1:${port}`;
  const childEnv = {
    ...process.env,
    ...env,
    NODE_OPTIONS: o.nodeOptions,
    METRICS_ENABLED: "true",
    METRICS_TOKEN: metricsToken,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
  };
  const standalone = path.join(process.cwd(), ".next", "standalone", "server.js");
  const child: ChildProcess = existsSync(standalone)
    ? spawn(process.execPath, [standalone], { env: childEnv, stdio: ["ignore", "ignore", "inherit"] })
    : spawn(path.join("node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
        env: childEnv,
        stdio: ["ignore", "ignore", "inherit"],
      });
  const rssMb = () => (child.pid === undefined ? 0 : rssOfTreeKb(child.pid) / 1024);
  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const ok = await fetch(`${base}/api/ready`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error("the server did not start");
      await sleep(250);
    }
    await sleep(idleMs);
    const idleMb = rssMb();
    console.error(`  server RSS idle: ${idleMb.toFixed(0)} MB`);
    if (!plan || o.writeBacks === 0 || plan.calls.length === 0) return { idleMb, after: null };

    const actionId = sendWriteBackActionId();
    const perCall = Math.ceil(o.writeBacks / plan.calls.length);
    let sent = 0;
    let accepted = 0;
    let refused = 0;
    let lostAnswers = 0;
    let peakMb = idleMb;
    const sampler = setInterval(() => {
      peakMb = Math.max(peakMb, rssMb());
    }, 500);
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      for (;;) {
        const call = plan.calls[next++];
        if (!call || sent >= o.writeBacks) return;
        let version = call.version;
        for (let k = 0; k < perCall && sent < o.writeBacks; k++) {
          sent++;
          const answer = await postWriteBack(
            base,
            actionId,
            plan.cookie,
            call.id,
            busyOutcome(call.phone, `M${call.id}-${k}`, version),
          ).catch(() => null);
          if (answer === null) lostAnswers++;
          else if (answer.ok) {
            accepted++;
            version = answer.version;
          } else refused++;
        }
      }
    };
    await Promise.all(Array.from({ length: o.concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    console.error(
      `  ${sent} write-backs in ${seconds.toFixed(0)} s (${accepted} answered ok, ${refused} refused, ${lostAnswers} no answer)`,
    );
    // Drained: the product's own gauge of the oldest waiting write-back is 0.
    const drainDeadline = Date.now() + (o.drainMs ?? 120_000);
    let drained = false;
    while (Date.now() < drainDeadline) {
      const text = await fetch(`${base}/api/metrics`, {
        headers: { Authorization: `Bearer ${metricsToken}` },
      })
        .then((r) => (r.ok ? r.text() : ""))
        .catch(() => "");
      const line = text
        .split("\n")
        .find((l) => l.startsWith("preview_desk_write_back_oldest_waiting_seconds "));
      if (line !== undefined && Number(line.split(" ")[1]) === 0) {
        drained = true;
        break;
      }
      await sleep(1000);
    }
    await sleep(idleMs);
    clearInterval(sampler);
    const mb = rssMb();
    peakMb = Math.max(peakMb, mb);
    console.error(
      `  server RSS after: ${mb.toFixed(0)} MB (peak ${peakMb.toFixed(0)} MB, drained: ${drained})`,
    );
    return { idleMb, after: { mb, peakMb, accepted, refused, lostAnswers, seconds, drained } };
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, sleep(15_000)]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }
}
