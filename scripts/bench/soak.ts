/**
 * npm run bench:soak -- [--n 2000] [--calls N/4] [--concurrency 16] [--kills 4]
 *                       [--database-url postgres://…] [--port 3190] [--json]
 *                       [--instances 2 --sender]   (PostgreSQL only) [--no-faults] [--standalone]
 *
 * Soak of durable delivery (issue 4), not part of npm test. Needs a production build
 * (`npm run build`) in this folder. It:
 *  1. makes a fresh database (a temporary embedded folder, or --database-url's database,
 *     which must be empty or disposable), an agent, N/4 calls assigned to them, and a
 *     session for the agent (signed with a SESSION_SECRET it gives the server);
 *  2. starts the iSales simulator in this process, failing about 20% of write-backs in
 *     mixed ways: HTTP 503 and 429 (alternating), dropped connections, answers that never
 *     come (client timeout); all transient, so every write-back must in the end be accepted;
 *  3. starts `next start` and sends N submissions through the real server action
 *     (sendWriteBack, POSTed the way the browser does: the Next-Action header and the
 *     arguments as JSON), several per call in order, so older ones are superseded;
 *  4. kills the server with SIGKILL --kills times while submitting, and starts it again;
 *     a submission whose answer was lost is sent again with the same submission id, as
 *     the browser does;
 *  5. waits until the simulator has accepted every call's latest submission and the
 *     product has nothing left waiting (its queue gauge on /api/metrics), stops the
 *     server, and reads the database.
 *
 * With --instances N (PostgreSQL), N servers share the database on ports --port … +N-1;
 * each call's submissions go to one of them, and to the next one when it does not answer
 * (as the proxy in compose.yaml does); the kills hit the first instance only, so the
 * others keep serving. --sender also runs `npm run sender` as a process of its own. At the
 * end every call's latest outcome must show on its page through every instance.
 *
 * It prints submissions, accepted, superseded, lost (acknowledged but neither accepted nor
 * superseded by a newer accepted one of the same call, or a call whose last accepted body
 * is not its latest), duplicates sent (a submission accepted by iSales more than once:
 * only one in flight at a kill may go twice), and the time to drain. Exit code 1 if any
 * was lost.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { busyOutcome, postWriteBack, sendWriteBackActionId } from "./server-action";

type Options = {
  n: number;
  calls: number;
  concurrency: number;
  kills: number;
  databaseUrl: string | undefined;
  port: number;
  json: boolean;
  /** Give up draining after this long. */
  drainTimeoutMs: number;
  /**
   * soak: the mixed-fault run described above. crash: iSales down while everything is
   * submitted (all queued or retrying), SIGKILL; then iSales slow (sends in flight), SIGKILL
   * again mid-send; then healthy, and drain (the crash-safety check the browser tests run).
   */
  scenario: "soak" | "crash";
  instances: number;
  sender: boolean;
  /** No upstream faults: every duplicate must then be a send in flight at a kill. */
  noFaults: boolean;
  /** Run .next/standalone/server.js (what the image runs) instead of `next start`. */
  standalone: boolean;
};

function parseArgs(argv: string[]): Options {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const int = (name: string, fallback: number, min: number) => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    const v = Number(raw);
    if (!Number.isInteger(v) || v < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
    return v;
  };
  const n = int("n", 2000, 1);
  return {
    n,
    calls: Math.min(n, int("calls", Math.max(1, Math.ceil(n / 4)), 1)),
    concurrency: int("concurrency", 16, 1),
    kills: int("kills", 4, 0),
    databaseUrl: get("database-url"),
    port: int("port", 3190, 1),
    json: argv.includes("--json"),
    drainTimeoutMs: int("drain-timeout-s", 300, 1) * 1000,
    scenario: get("scenario") === "crash" ? "crash" : "soak",
    instances: int("instances", 1, 1),
    sender: argv.includes("--sender"),
    noFaults: argv.includes("--no-faults"),
    standalone: argv.includes("--standalone"),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  if ((o.instances > 1 || o.sender) && !o.databaseUrl)
    throw new Error("--instances and --sender need --database-url: the embedded database admits one process");
  const actionId = sendWriteBackActionId();
  const dataDir = o.databaseUrl ? undefined : await mkdtemp(path.join(tmpdir(), "preview-desk-soak-"));
  const sessionSecret = randomBytes(32).toString("hex");
  const simToken = "soak-token";
  const metricsToken = randomBytes(16).toString("hex");

  // The product's modules read their settings from the environment: this process prepares
  // the database with the same settings the server gets.
  const env: Record<string, string> = {
    NODE_ENV: "production",
    SESSION_SECRET: sessionSecret,
    ISALES_TOKEN: simToken,
    ISALES_TIME_ZONE: "Asia/Shanghai",
    // The product's defaults for the timeout and the lease: a shorter timeout makes answers
    // that iSales did send count as lost (a retry then delivers twice), which a loaded
    // machine turns into duplicates that say nothing about crashes.
    ISALES_TIMEOUT_MS: "5000",
    DELIVERY_FIRST_DELAY_MS: "200",
    DELIVERY_MAX_DELAY_MS: "3000",
    DELIVERY_MAX_ATTEMPTS: "100",
    DELIVERY_MAX_AGE_S: "7200",
    DELIVERY_LEASE_S: "30",
    DELIVERY_POLL_MS: "200",
    DELIVERY_CONCURRENCY: "8",
    DELIVERY_BREAKER_FAILURES: "20",
    DELIVERY_BREAKER_HALF_OPEN_MS: "500",
    LOG_LEVEL: "error",
    // The drain reads the product's own queue gauge: nothing may be left waiting.
    METRICS_ENABLED: "true",
    METRICS_TOKEN: metricsToken,
    ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : { DATA_DIR: dataDir ?? "" }),
  };
  const { startSimulator } = await import("@/tools/isales-sim/server");
  const sim = await startSimulator({ port: 0, host: "127.0.0.1", fixedTokens: [simToken], seed: 42 });
  env.ISALES_BASE_URL = sim.url;
  Object.assign(process.env, env);

  const { openDatabase } = await import("@/lib/db");
  const { calls, writeBacks } = await import("@/lib/db/schema");
  const { and, count, eq, like } = await import("drizzle-orm");
  const { createUser } = await import("@/lib/auth/users");
  const { createSession, SESSION_COOKIE } = await import("@/lib/auth/session");

  // 1. Data: an agent, their calls, a session.
  let opened = await openDatabase({ dataDir, databaseUrl: o.databaseUrl });
  const made = await createUser(opened.db, {
    username: "soak-agent",
    password: "soak-agent-password-1",
    role: "agent",
  });
  if (!made.ok) throw new Error(`could not create the soak agent: ${JSON.stringify(made)}`);
  const agentId = made.value.id;
  const callRows: { id: number; phone: string; index: number }[] = [];
  for (let i = 0; i < o.calls; i += 500) {
    const batch = Array.from({ length: Math.min(500, o.calls - i) }, (_, j) => ({
      subCcNo: 1,
      vdnId: 88,
      serviceId: "SOAK",
      uniqueId: `soak-${i + j}-${randomBytes(3).toString("hex")}`,
      phoneNumbers: [`1380${String(i + j).padStart(7, "0")}`],
      fetchTime: new Date(),
      assignedTo: agentId,
    }));
    const rows = await opened.db
      .insert(calls)
      .values(batch)
      .returning({ id: calls.id, phones: calls.phoneNumbers });
    for (const r of rows) callRows.push({ id: r.id, phone: r.phones[0] ?? "", index: callRows.length });
  }
  const session = await createSession(opened.db, agentId, { secret: sessionSecret, ttlHours: 12 });
  await opened.close();

  // 2. Faults: about 20% of write-backs fail, in mixed transient ways.
  const faults = (kind: "http503" | "http429") => ({
    errorRate: 0.12,
    errorKind: kind,
    dropRate: 0.05,
    hangRate: 0.03,
    faultPaths: ["midresult" as const],
  });
  const crash = o.scenario === "crash";
  sim.setFaults(crash ? { errorRate: 1, errorKind: "http503" } : o.noFaults ? {} : faults("http503"));
  let flip = false;
  const rotate = setInterval(() => {
    flip = !flip;
    if (!crash && !o.noFaults) sim.setFaults(faults(flip ? "http429" : "http503"));
  }, 2000);

  // What iSales received, kept beyond the simulator's last 5,000 (by sequence number).
  const seen = new Map<number, ReturnType<typeof sim.received>[number]>();
  const collect = () => {
    for (const r of sim.received()) if (r.interface === "midresult") seen.set(r.seq, r);
  };
  const collector = setInterval(collect, 100);
  /** iSales took it: a 200 with no fault, or one answered late on purpose (latency is not a failure). */
  const acceptedByIsales = (r: ReturnType<typeof sim.received>[number]) =>
    r.answer.status === 200 && (r.answer.fault === null || r.answer.fault === "latency");

  // 3. The servers, and a way to kill and restart each (the first is the one killed).
  type Instance = { port: number; base: string; proc: ChildProcess | null; up: boolean };
  const instances: Instance[] = Array.from({ length: o.instances }, (_, i) => ({
    port: o.port + i,
    base: `http://127.0.0.1:${o.port + i}`,
    proc: null,
    up: false,
  }));
  // With --standalone, the standalone server the image runs (npm run build); else `next start`.
  const standalone = path.join(process.cwd(), ".next", "standalone", "server.js");
  const spawnServer = (inst: Instance) =>
    o.standalone && existsSync(standalone)
      ? spawn(process.execPath, [standalone], {
          env: { ...process.env, ...env, PORT: String(inst.port), HOSTNAME: "127.0.0.1" },
          stdio: ["ignore", "ignore", "inherit"],
        })
      : spawn(
          path.join("node_modules", ".bin", "next"),
          ["start", "-p", String(inst.port), "-H", "127.0.0.1"],
          {
            env: { ...process.env, ...env },
            stdio: ["ignore", "ignore", "inherit"],
          },
        );
  /** Starts made again because the server exited while starting (as a service manager would). */
  let startRetries = 0;
  const startServer = async (inst: Instance = instances[0] as Instance) => {
    inst.proc = spawnServer(inst);
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      // A server that cannot open its database exits with one line (say, a killed server's
      // lock not yet stale): start it again, as systemd's Restart=on-failure would.
      if (inst.proc.exitCode !== null && startRetries < 5) {
        startRetries += 1;
        console.error(`bench-soak: the server exited while starting; starting it again (${startRetries})`);
        await sleep(1000);
        inst.proc = spawnServer(inst);
      }
      try {
        const res = await fetch(`${inst.base}/api/health`);
        if (res.ok) {
          inst.up = true;
          return;
        }
      } catch {
        // not up yet
      }
      await sleep(100);
    }
    throw new Error("the server did not start within 120 s");
  };
  /** Sends iSales had received but not answered when the server was killed: these may go twice. */
  let inFlightAtKills = 0;
  const killServer = async (inst: Instance = instances[0] as Instance) => {
    const s = inst.proc;
    if (!s || s.exitCode !== null) return;
    collect();
    const unanswered = [...seen.values()].filter(
      (r) => r.answer.status === null && r.answer.fault !== "hang" && r.answer.fault !== "drop",
    ).length;
    inst.up = false;
    const exited = new Promise((resolve) => s.once("exit", resolve));
    s.kill("SIGKILL");
    await exited;
    if (o.databaseUrl && s.pid !== undefined) {
      // Exactly the sends the dead process held: claimed by it (its sender's lease names
      // its pid) and not finished. iSales may have answered some of them already, so they
      // may go again once the lease runs out.
      const held = await openDatabase({ databaseUrl: o.databaseUrl });
      const [row] = await held.db
        .select({ n: count() })
        .from(writeBacks)
        .where(and(eq(writeBacks.state, "sending"), like(writeBacks.leaseOwner, `%:${s.pid}:%`)));
      await held.close();
      inFlightAtKills += Math.max(unanswered, row?.n ?? 0);
    } else if (dataDir) {
      // The embedded database is this server's alone: every "sending" row is one it held.
      // (Opening it waits for the dead process's lock to go stale, as the restart would.)
      const held = await openDatabase({ dataDir, lockWaitMs: 15_000 });
      const [row] = await held.db
        .select({ n: count() })
        .from(writeBacks)
        .where(eq(writeBacks.state, "sending"));
      await held.close();
      inFlightAtKills += Math.max(unanswered, row?.n ?? 0);
    } else {
      inFlightAtKills += unanswered;
    }
  };
  let senderProc: ChildProcess | null = null;
  // Stopped from outside (a test's time limit, Ctrl-C): take the servers down with it, so
  // no server is left holding a port or the embedded database's lock.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      for (const inst of instances) inst.proc?.kill("SIGKILL");
      senderProc?.kill("SIGKILL");
      process.exit(2);
    });
  }
  await Promise.all(instances.map((inst) => startServer(inst)));
  // The sender on its own (npm run sender), beside the servers' own senders.
  senderProc = o.sender
    ? spawn(path.join("node_modules", ".bin", "tsx"), ["--conditions=react-server", "scripts/sender.ts"], {
        env: { ...process.env, ...env },
        stdio: ["ignore", "ignore", "inherit"],
      })
    : null;

  // 4. Submissions: one worker per call at a time, each call's submissions in order.
  const perCall = Array.from(
    { length: o.calls },
    (_, i) => Math.floor(o.n / o.calls) + (i < o.n % o.calls ? 1 : 0),
  );
  const latestTag = new Map<number, string>();
  let submitted = 0;
  let resent = 0;
  const killAt = Array.from({ length: crash ? 0 : o.kills }, (_, k) =>
    Math.floor(((k + 1) * o.n) / (o.kills + 1)),
  );
  let killing: Promise<void> | null = null;
  let kills = 0;

  const submit = async (
    call: { id: number; phone: string; index: number },
    tag: string,
    baseVersion: number,
  ) => {
    const values = busyOutcome(call.phone, tag, baseVersion);
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) resent++;
      // One server: wait while it restarts. Several: the next one answers meanwhile.
      if (killing && o.instances === 1) await killing;
      const inst = instances[(call.index + attempt) % instances.length] as Instance;
      try {
        const answer = await postWriteBack(
          inst.base,
          actionId,
          `${SESSION_COOKIE}=${session.token}`,
          call.id,
          values,
        );
        if (answer?.ok) return answer.version;
        if (answer && !answer.ok) throw new Error(`submission refused: ${answer.message}`);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith("submission refused")) throw error;
        // The answer was lost (server killed): the same submission id again.
      }
      await sleep(inst.up ? 100 : 300);
    }
  };

  const started = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < o.calls) {
      const i = next++;
      const call = callRows[i];
      if (!call) return;
      let version = 0;
      for (let k = 0; k < (perCall[i] ?? 0); k++) {
        const tag = `S${i}-${k}`;
        version = await submit(call, tag, version);
        latestTag.set(call.id, tag);
        submitted++;
        if (kills < killAt.length && submitted >= (killAt[kills] ?? Number.POSITIVE_INFINITY) && !killing) {
          kills++;
          killing = (async () => {
            await killServer();
            await sleep(300);
            await startServer();
          })().finally(() => {
            killing = null;
          });
        }
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  const submittedAt = Date.now();
  if (crash) {
    // Everything is recorded and waiting (iSales down): kill, then let iSales answer slowly
    // so that sends are in flight at the second kill.
    await killServer();
    sim.setFaults({ latencyMs: 1200, faultPaths: ["midresult"] });
    await startServer();
    kills++;
    await sleep(1500);
    await killServer();
    sim.setFaults({});
    await startServer();
    kills++;
  }

  // 5. Drain: every call's latest submission accepted by iSales.
  const acceptedTags = () => {
    collect();
    const counts = new Map<string, number>();
    for (const r of seen.values()) {
      if (!acceptedByIsales(r)) continue;
      const tag = (r.body as { callId?: unknown } | null)?.callId;
      if (typeof tag === "string") counts.set(tag, (counts.get(tag) ?? 0) + 1);
    }
    return counts;
  };
  /**
   * Write-backs the product still has waiting (queued, sending or retrying), from its own
   * gauge (one database, so any instance that answers). A send iSales accepted just before
   * a kill stays "sending" until its lease runs out and it is claimed again: drained means
   * iSales has every latest outcome and nothing is left waiting.
   */
  const nothingWaiting = async (): Promise<boolean> => {
    for (const inst of instances) {
      if (!inst.up) continue;
      const res = await fetch(`${inst.base}/api/metrics`, {
        headers: { Authorization: `Bearer ${metricsToken}` },
      }).catch(() => null);
      if (!res?.ok) continue;
      const line = (await res.text())
        .split("\n")
        .find((l) => l.startsWith("preview_desk_write_back_oldest_waiting_seconds "));
      return line !== undefined && Number(line.split(" ")[1]) === 0;
    }
    return false;
  };
  const drainDeadline = Date.now() + o.drainTimeoutMs;
  while (Date.now() < drainDeadline) {
    const counts = acceptedTags();
    if ([...latestTag.values()].every((t) => counts.has(t)) && (await nothingWaiting())) break;
    await sleep(500);
  }
  const drainedAt = Date.now();
  clearInterval(rotate);
  // Every agent's outcome through every instance: each call's latest submission shows on
  // its page, whichever server is asked (a sample of 30 calls).
  let notVisible = 0;
  for (const call of callRows.slice(0, 30)) {
    const tag = latestTag.get(call.id);
    if (!tag) continue;
    for (const inst of instances) {
      if (!inst.up) await startServer(inst);
      const res = await fetch(`${inst.base}/calls/${call.id}`, {
        headers: { Cookie: `${SESSION_COOKIE}=${session.token}` },
      }).catch(() => null);
      const html = res?.ok ? await res.text() : "";
      // In the page's data (the form's stored outcome), not followed by another digit.
      if (!new RegExp(`${tag}(?![0-9])`).test(html)) notVisible++;
    }
  }
  const stopping = [...instances.map((inst) => inst.proc), senderProc].map(async (s) => {
    if (!s || s.exitCode !== null) return;
    const exited = new Promise((resolve) => s.once("exit", resolve));
    s.kill("SIGTERM");
    await Promise.race([exited, sleep(15_000)]);
    if (s.exitCode === null) s.kill("SIGKILL");
  });
  await Promise.all(stopping);
  clearInterval(collector);
  collect();

  // 6. Count, from the database and from what iSales received.
  opened = await openDatabase({ dataDir, databaseUrl: o.databaseUrl, lockWaitMs: 15_000 });
  const all = await opened.db.select().from(writeBacks);
  await opened.close();
  // Confirmations (the newest sent again after an uncertain older send) are counted apart.
  const rows = all.filter((r) => r.confirms === null);
  const confirmations = all.length - rows.length;
  const counts = acceptedTags();
  const byTag = new Map(
    rows.map((r) => [(JSON.parse(r.requestBody) as { callId?: string }).callId ?? "", r] as const),
  );
  const acceptedCalls = new Set(rows.filter((r) => r.state === "accepted").map((r) => r.callId));
  let lost = 0;
  const lostTags: string[] = [];
  for (const [i, call] of callRows.entries()) {
    for (let k = 0; k < (perCall[i] ?? 0); k++) {
      const tag = `S${i}-${k}`;
      const row = byTag.get(tag);
      const fine =
        row !== undefined &&
        (row.state === "accepted" ||
          (row.state === "superseded" && acceptedCalls.has(call.id)) ||
          // Held by a killed server (or waiting) while a newer one of its call was accepted:
          // the next claim supersedes it, it is never sent (held sends count as in flight).
          (["sending", "queued", "retrying"].includes(row.state) &&
            k < (perCall[i] ?? 0) - 1 &&
            acceptedCalls.has(call.id)));
      if (!fine) {
        lost++;
        if (lostTags.length < 20) lostTags.push(`${tag}:${row?.state ?? "missing"}`);
      }
    }
    // What iSales holds for the call is what it accepted last: it must be the latest.
    const lastAccepted = [...seen.values()]
      .filter(acceptedByIsales)
      // What iSales applied last, in the order it answered (a slow answer can come after a later request's).
      .sort((a, b) => (a.answer.answeredSeq ?? 0) - (b.answer.answeredSeq ?? 0))
      .filter((r) => String((r.body as { callId?: unknown } | null)?.callId ?? "").startsWith(`S${i}-`))
      .at(-1);
    const lastTag = (lastAccepted?.body as { callId?: string } | null)?.callId;
    if (lastTag !== latestTag.get(call.id)) {
      lost++;
      if (lostTags.length < 20) lostTags.push(`call ${i}: iSales holds ${lastTag ?? "nothing"}`);
    }
  }
  const duplicates = [...counts.values()].reduce((sum, c) => sum + Math.max(0, c - 1), 0);
  const faulted = [...seen.values()].filter(
    (r) => r.answer.fault !== null && r.answer.fault !== "latency",
  ).length;
  const report = {
    submissions: o.n,
    calls: o.calls,
    acknowledged: submitted,
    resentAfterLostAnswer: resent,
    serverKills: kills,
    accepted: rows.filter((r) => r.state === "accepted").length,
    superseded: rows.filter((r) => r.state === "superseded").length,
    needsAttention: rows.filter((r) => r.state === "attention").length,
    confirmationsSent: confirmations,
    httpAttempts: seen.size,
    faultedAttempts: faulted,
    lost,
    duplicatesSent: duplicates,
    inFlightAtKills,
    submitSeconds: Math.round((submittedAt - started) / 100) / 10,
    drainSecondsAfterLastSubmit: Math.round((drainedAt - submittedAt) / 100) / 10,
    totalSeconds: Math.round((drainedAt - started) / 100) / 10,
    database: o.databaseUrl ? "postgresql" : "embedded (PGlite)",
    instances: o.instances,
    separateSender: o.sender,
    notVisibleThroughEveryInstance: notVisible,
    ...(lostTags.length > 0 ? { lostExamples: lostTags } : {}),
  };
  if (o.json) console.log(JSON.stringify(report));
  else {
    console.log(
      crash
        ? "Crash safety: write-backs queued while iSales was down, server SIGKILLed while queued and while sending"
        : "Soak: submissions through the sendWriteBack server action, iSales failing ~20%, server SIGKILLed",
    );
    for (const [k, v] of Object.entries(report))
      console.log(`  ${k.padEnd(30)} ${Array.isArray(v) ? v.join(", ") : v}`);
  }
  await sim.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  return lost === 0 && notVisible === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
