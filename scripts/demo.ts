/**
 * `npm run demo`: builds if needed, starts the iSales simulator and the dashboard with the
 * embedded database, and fills it with the simulator's call data the first time.
 * Ctrl+C stops both.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

// tsx runs these scripts as CommonJS, where top-level await is not allowed.
async function main(): Promise<void> {
  const root = process.cwd();
  const port = Number(process.env.PORT ?? 3000);
  const simPort = Number(process.env.SIM_PORT ?? 4010);
  const simUrl = `http://127.0.0.1:${simPort}`;
  const dataDir = process.env.DATA_DIR ?? ".data/demo";

  /** The dashboard's settings in the demo: log in to the simulator with a user and password. */
  const demoEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATA_DIR: dataDir,
    ISALES_BASE_URL: simUrl,
    ISALES_USER: process.env.ISALES_USER ?? "demo",
    ISALES_PASSWORD: process.env.ISALES_PASSWORD ?? "demo-password",
    ISALES_TIME_ZONE: process.env.ISALES_TIME_ZONE ?? "UTC",
    ISALES_SUB_CC_NO: process.env.ISALES_SUB_CC_NO ?? "1",
    ISALES_VDN_ID: process.env.ISALES_VDN_ID ?? "88",
  };
  delete demoEnv.ISALES_TOKEN;
  delete demoEnv.DATABASE_URL;

  function newestMtime(path: string): number {
    if (!existsSync(path)) return 0;
    const st = statSync(path);
    if (!st.isDirectory()) return st.mtimeMs;
    let newest = st.mtimeMs;
    for (const entry of readdirSync(path)) {
      if (entry === "node_modules" || entry.startsWith(".")) continue;
      // Made by the build itself (scripts/build-sw.ts): not a source.
      if (join(path, entry) === join(root, "public", "sw.js")) continue;
      newest = Math.max(newest, newestMtime(join(path, entry)));
    }
    return newest;
  }

  function buildIfNeeded() {
    const buildId = join(root, ".next", "BUILD_ID");
    const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
    const sources = [
      "app",
      "components",
      "lib",
      "public",
      "next.config.ts",
      "package-lock.json",
      "postcss.config.mjs",
    ];
    const newest = Math.max(...sources.map((s) => newestMtime(join(root, s))));
    if (built > newest) {
      console.log("demo: the production build is up to date");
      return;
    }
    console.log("demo: building (next build)…");
    const r = spawnSync(join(root, "node_modules", ".bin", "next"), ["build"], {
      stdio: "inherit",
      env: demoEnv,
    });
    // The service worker precaches this build's files (as npm run build does).
    const sw =
      r.status === 0
        ? spawnSync(
            join(root, "node_modules", ".bin", "tsx"),
            ["--conditions=react-server", join(root, "scripts", "build-sw.ts")],
            { stdio: "inherit", env: demoEnv },
          )
        : r;
    if (r.status !== 0 || sw.status !== 0) {
      console.error("demo: the build failed, see above");
      process.exit(1);
    }
  }

  async function waitFor(url: string, what: string, timeoutMs: number, child: ChildProcess) {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (child.exitCode !== null)
        throw new Error(`${what} stopped (exit ${child.exitCode}); see its output above`);
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
        if (res.status < 500) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`${what} did not answer at ${url} within ${timeoutMs / 1000} s`);
  }

  const children: ChildProcess[] = [];
  function stopAll(code: number): never {
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    process.exit(code);
  }
  process.on("SIGINT", () => stopAll(0));
  process.on("SIGTERM", () => stopAll(0));

  buildIfNeeded();

  const tsx = join(root, "node_modules", ".bin", "tsx");
  const sim = spawn(tsx, ["--conditions=react-server", "tools/isales-sim/cli.ts"], {
    stdio: "inherit",
    env: { ...process.env, SIM_PORT: String(simPort) },
  });
  children.push(sim);
  try {
    await waitFor(`${simUrl}/__sim/faults`, "the iSales simulator", 20_000, sim);
  } catch (error) {
    console.error(`demo: ${(error as Error).message}`);
    stopAll(1);
  }

  const seed = spawnSync(tsx, ["--conditions=react-server", "scripts/demo-seed.ts"], {
    stdio: "inherit",
    env: demoEnv,
  });
  if (seed.status !== 0) {
    console.error("demo: could not load the demo calls, see above");
    stopAll(1);
  }

  const web = spawn(join(root, "node_modules", ".bin", "next"), ["start", "-p", String(port)], {
    stdio: "inherit",
    env: demoEnv,
  });
  children.push(web);
  for (const child of children) {
    child.on("exit", (code) => {
      console.error(`demo: a process stopped (exit ${code}); stopping the demo`);
      stopAll(code ?? 1);
    });
  }
  try {
    await waitFor(`http://127.0.0.1:${port}/`, "the dashboard", 60_000, web);
  } catch (error) {
    console.error(`demo: ${(error as Error).message}`);
    stopAll(1);
  }
  console.log(`
  Preview Desk demo is running
    dashboard          http://localhost:${port}
    iSales simulator   ${simUrl}  (what it received: ${simUrl}/ , JSON: ${simUrl}/__sim/received)
    database           embedded PGlite in ${dataDir}
    sign in as         agent1 / agent1-demo-pass (agent), super1 / super1-demo-pass (supervisor),
                       admin1 / admin1-demo-pass (admin)
    iSales log-in      user ${demoEnv.ISALES_USER} (the simulator's demo account), times sent in ${demoEnv.ISALES_TIME_ZONE}
  Press Ctrl+C to stop.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
