import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";
import {
  APP_PORT,
  CLOSED_PORT,
  DOWN_APP_HOST,
  DOWN_APP_PORT,
  SIM_PORT,
  storageStatePath,
} from "./e2e/servers";

/**
 * Browser tests against the production build (`npm run build` first: the standalone server
 * that the container image runs), two app servers and
 * the iSales simulator on real sockets:
 *   :4110  the simulator (fixed token demo-token);
 *   :3110  the app, writing back to the simulator;
 *   :3111  the app, writing back to a port where nothing listens (iSales down).
 * Each app gets a fresh embedded database in a temporary folder, seeded with
 * e2e/fixtures/calls.json by the real import command before the server starts.
 */

function chromiumPath(): string | undefined {
  const fromSetting = process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (fromSetting) {
    if (!existsSync(fromSetting)) {
      throw new Error(
        `PLAYWRIGHT_CHROMIUM_PATH=${fromSetting} does not exist. Point it at a Chromium binary.`,
      );
    }
    return fromSetting;
  }
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  // Playwright's own download, if one was ever installed; otherwise say what to do.
  const cache =
    process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(process.env.HOME ?? "/root", ".cache", "ms-playwright");
  if (existsSync(cache)) return undefined;
  throw new Error(
    "No Chromium for the browser tests. Install Debian's (apt-get install chromium) or set PLAYWRIGHT_CHROMIUM_PATH to a Chromium binary.",
  );
}

// The config is loaded again in every worker: the folders are made once, in the runner,
// handed on through the environment the workers inherit, and removed when the runner
// exits (after it has stopped the servers that use them; globalTeardown runs before).
if (process.env.E2E_DATA_ROOT === undefined) {
  const root = mkdtempSync(join(tmpdir(), "preview-desk-e2e-"));
  process.env.E2E_DATA_ROOT = root;
  process.on("exit", () => rmSync(root, { recursive: true, force: true }));
}
const dataRoot = process.env.E2E_DATA_ROOT;

const launchOptions = {
  executablePath: chromiumPath(),
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

const bin = (name: string) => join("node_modules", ".bin", name);

function appServer(host: string, port: number, isalesPort: number, dataDir: string) {
  const tsx = `${bin("tsx")} --conditions=react-server`;
  const seed = `${tsx} scripts/calls-import.ts e2e/fixtures/calls.json && ${tsx} e2e/seed.ts`;
  return {
    // The standalone server the image runs (npm run build makes it; see docs/operations.md).
    // exec: the recorded process is the server itself, so Playwright stops the right one.
    command: `${seed} && PORT=${port} HOSTNAME=${host} exec node .next/standalone/server.js`,
    url: `http://${host}:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    env: {
      NODE_ENV: "production",
      DATA_DIR: join(dataRoot, dataDir),
      ISALES_BASE_URL: `http://127.0.0.1:${isalesPort}`,
      ISALES_TOKEN: "demo-token",
      ISALES_TIME_ZONE: "Asia/Shanghai",
      ISALES_TIMEOUT_MS: "3000",
      LOG_LEVEL: "warn",
    },
  };
}

export default defineConfig({
  testDir: "e2e",
  // The simulator's faults are one shared setting: tests that change them run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: process.env.CI === "true",
  // CI machines are slower and busier than a developer's: one retry there, and `npm test`
  // names every test that needed it ("passed only on a retry") so a flaky test is seen, not hidden.
  retries: process.env.CI === "true" ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI === "true" ? "list" : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    // The agent's zone differs from ISALES_TIME_ZONE on purpose: times must be converted.
    timezoneId: "Europe/Berlin",
    locale: "en-GB",
    trace: "retain-on-failure",
    // The service worker (issue 14) stays out of the other tests' way: it would answer their
    // navigations itself, out of reach of page.route. e2e/offline.spec.ts allows it.
    serviceWorkers: "block",
  },
  projects: [
    // Signs in once per role and keeps the cookies for the tests (storage state).
    { name: "sign-in", testMatch: /.*\.setup\.ts/, use: { launchOptions } },
    {
      name: "chromium",
      dependencies: ["sign-in"],
      use: {
        ...devices["Desktop Chrome"],
        storageState: storageStatePath("agent1"),
        launchOptions,
      },
    },
  ],
  webServer: [
    {
      command: `exec ${bin("tsx")} --conditions=react-server tools/isales-sim/cli.ts`,
      url: `http://127.0.0.1:${SIM_PORT}/__sim/faults`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { SIM_PORT: String(SIM_PORT), SIM_HOST: "127.0.0.1", SIM_TOKENS: "demo-token" },
    },
    appServer("127.0.0.1", APP_PORT, SIM_PORT, "app"),
    appServer(DOWN_APP_HOST, DOWN_APP_PORT, CLOSED_PORT, "down"),
  ],
});
