import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import getPort from "get-port";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { createApiKey } from "@/lib/api-keys/keys";
import { createSession } from "@/lib/auth/session";
import { createUser, ensureDemoUsers, findUser } from "@/lib/auth/users";
import { importCalls } from "@/lib/calls/import";
import { openDatabase } from "@/lib/db";
import { appSecrets } from "@/lib/db/schema";
import { findPgBin, startThrowawayPg, type ThrowawayPg } from "@/scripts/pg-throwaway";
import { startSimulator } from "@/tools/isales-sim/server";
import type { Simulator } from "@/tools/isales-sim/types";
import { type CorpusContext, corpusSeed, SIM_TOKEN, TARGET_USER, TIME_ZONE } from "./context";

/**
 * The corpus's world, made once per run: a fresh PostgreSQL database (on TEST_DATABASE_URL's
 * server, or a throwaway cluster), seeded through the product's own functions; the iSales
 * simulator in this process; and the production build (`next build` first) served by
 * `next start` on a free port against that database. The tests read the database directly
 * to snapshot it around every case.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForHealth(url: string, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited (${server.exitCode}):\n${output()}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`next start did not answer /api/health in 90 s:\n${output()}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(process.cwd(), ".next", "server", "server-reference-manifest.json")))
    throw new Error(
      "The corpus runs against the production build: run `node_modules/.bin/next build` first.",
    );

  let throwaway: ThrowawayPg | null = null;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    if (!findPgBin())
      throw new Error(
        "The corpus needs PostgreSQL: set TEST_DATABASE_URL, or install Debian's server (apt-get install postgresql).",
      );
    throwaway = await startThrowawayPg();
    adminUrl = throwaway.url;
  }
  // A fresh database per run, so the snapshots see only what the cases do.
  const dbName = `corpus_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();

  const opened = await openDatabase({ databaseUrl });
  const seed = corpusSeed(new Date());
  let context: CorpusContext;
  const sim: Simulator = await startSimulator({ host: "127.0.0.1", port: 0, fixedTokens: [SIM_TOKEN] });
  try {
    await ensureDemoUsers(opened.db);
    const target = await createUser(opened.db, {
      username: TARGET_USER,
      password: "target1-demo-pass",
      role: "agent",
      workNo: "10009",
    });
    if (!target.ok) throw new Error(`corpus seed: ${target.message}`);
    const agent1 = await findUser(opened.db, "agent1");
    if (!agent1) throw new Error("corpus seed: agent1 was not created");
    const imported = await importCalls(opened.db, {
      rows: seed.calls,
      rowInfo: seed.calls.map((_, i) => ({ line: i + 1, agent: "agent1" })),
      errors: [],
    });
    if (!imported.imported) throw new Error(`corpus seed: ${JSON.stringify(imported.errors.slice(0, 3))}`);
    const { key } = await createApiKey(opened.db, { name: "corpus", serviceIds: ["*"] }, null);
    // The server signs sessions with this secret (SESSION_SECRET is not set): made here first.
    const secret = "corpus-session-secret-0123456789abcdef";
    await opened.db.insert(appSecrets).values({ name: "session_secret", value: secret });
    const cookies: Record<string, string> = {};
    for (const username of ["agent1", "super1", "admin1"]) {
      const user = await findUser(opened.db, username);
      if (!user) throw new Error(`corpus seed: ${username} missing`);
      cookies[username] = (await createSession(opened.db, user.id, { secret, ttlHours: 12 })).token;
    }
    const appPort = await getPort();
    context = {
      appUrl: `http://127.0.0.1:${appPort}`,
      simUrl: sim.url,
      databaseUrl,
      apiKey: key,
      cookies,
      seedAt: seed.at.toISOString(),
      workDir: mkdtempSync(join(tmpdir(), "preview-desk-corpus-")),
    };
  } finally {
    await opened.close();
  }

  let output = "";
  const server = spawn(
    join("node_modules", ".bin", "next"),
    ["start", "-p", new URL(context.appUrl).port, "-H", "127.0.0.1"],
    {
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "production",
        DATABASE_URL: databaseUrl,
        ISALES_BASE_URL: sim.url,
        ISALES_TOKEN: SIM_TOKEN,
        ISALES_TIME_ZONE: TIME_ZONE,
        ISALES_TIMEOUT_MS: "3000",
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  server.stdout?.on("data", keep);
  server.stderr?.on("data", keep);
  await waitForHealth(context.appUrl, server, () => output);
  project.provide("corpus", context);

  return async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await Promise.race([exited, sleep(10_000)]);
      if (server.exitCode === null) server.kill("SIGKILL");
    }
    await sim.close();
    rmSync(context.workDir, { recursive: true, force: true });
    if (throwaway) throwaway.stop();
    else {
      const drop = new pg.Client({ connectionString: adminUrl });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await drop.end();
    }
  };
}
