import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { join } from "node:path";

/**
 * Browser and HTTP tests that need a server of their own (a setting the shared servers do
 * not have, a database they break on purpose, a start that must fail): the real production
 * build started as the standalone server (what the image runs), its output kept for the test to read.
 */
export type OwnServer = {
  url: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** The exit code once the process has ended (null: killed by a signal). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
  /** Killed hard (SIGKILL), as a crash or the out-of-memory killer would. */
  kill(): void;
};

const bin = (name: string) => join(process.cwd(), "node_modules", ".bin", name);

/** Settings every own server gets; iSales points at a closed port (these tests never send). */
export function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    ISALES_BASE_URL: "http://127.0.0.1:9",
    ISALES_TOKEN: "demo-token",
    LOG_LEVEL: "info",
    ...extra,
  };
}

/** Seed the demo accounts into the database those settings name (the product's users command). */
export function seedUsers(env: NodeJS.ProcessEnv): void {
  const r = spawnSync(bin("tsx"), ["--conditions=react-server", "e2e/seed-users.ts"], {
    env,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`seeding users failed: ${r.stderr || r.stdout}`);
}

export function startOwnServer(port: number, env: NodeJS.ProcessEnv, command?: string[]): OwnServer {
  // The standalone server the image runs (npm run build), unless the test names another command.
  const [exe, ...args] = command ?? [
    process.execPath,
    join(process.cwd(), ".next", "standalone", "server.js"),
  ];
  const child: ChildProcess = spawn(exe ?? "", args, {
    env: command ? env : { ...env, PORT: String(port), HOSTNAME: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    exited,
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}

/** Wait until the server answers /api/health, or fail with what it printed if it exits first. */
export async function waitUntilUp(server: OwnServer, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let ended = false;
  void server.exited.then(() => {
    ended = true;
  });
  while (Date.now() < deadline) {
    if (ended) throw new Error(`the server exited while starting:\n${server.output()}`);
    try {
      const res = await fetch(`${server.url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer within ${timeoutMs} ms:\n${server.output()}`);
}
