/**
 * `npm run bench:agent` (after `npm run build`): what an agent feels, measured in real
 * Chromium against the production server and the simulator answering at once.
 * Prints: the JavaScript the call page and the list page load (gzip bytes, the sum of the
 * script files their HTML references), and the time from pressing "Send to iSales" to the
 * outcome on screen over N submissions (median, p90, min, max). Not part of npm test.
 *
 *   npm run bench:agent -- [--n 40]
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import getPort from "get-port";
import { startSimulator } from "@/tools/isales-sim/server";

let base = "";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} takes a whole number`);
  return v;
}

async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer`);
}

async function pageJsGzip(html: string, cookie: string): Promise<{ files: number; bytes: number }> {
  const srcs = new Set<string>();
  for (const m of html.matchAll(/(?:src|href)="([^"]+\.js[^"]*)"/g)) if (m[1]) srcs.add(m[1]);
  let bytes = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, base), { headers: { cookie } })).arrayBuffer());
    bytes += gzipSync(body, { level: 9 }).length;
  }
  return { files: srcs.size, bytes };
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

async function main() {
  const n = arg("n", 40);
  const appPort = await getPort();
  base = `http://127.0.0.1:${appPort}`;
  const dataRoot = mkdtempSync(join(tmpdir(), "preview-desk-bench-agent-"));
  const sim = await startSimulator({ port: 0, fixedTokens: ["bench-token"] });
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATA_DIR: join(dataRoot, "data"),
    ISALES_BASE_URL: sim.url,
    ISALES_TOKEN: "bench-token",
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn",
  };
  const tsx = [join("node_modules", ".bin", "tsx"), "--conditions=react-server"] as const;
  for (const script of [["scripts/calls-import.ts", "e2e/fixtures/calls.json"], ["e2e/seed.ts"]]) {
    const r = spawnSync(tsx[0], [tsx[1], ...script], { env, stdio: "inherit" });
    if (r.status !== 0) throw new Error(`seeding failed: ${script.join(" ")}`);
  }
  const server = spawn(
    join("node_modules", ".bin", "next"),
    ["start", "-p", String(appPort), "-H", "127.0.0.1"],
    {
      env,
      stdio: process.env.BENCH_LOG_LEVEL ? "inherit" : "ignore",
    },
  );
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  try {
    await waitFor(`${base}/api/health`, 60_000);
    const page = await browser.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel("Username").fill("agent1");
    await page.getByLabel("Password").fill("agent1-demo-pass");
    await page.getByRole("button", { name: /sign in/i }).click();
    await page.getByRole("heading", { name: "Previewed calls" }).waitFor();
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

    const listHtml = await (await fetch(`${base}/`, { headers: { cookie } })).text();
    const list = await pageJsGzip(listHtml, cookie);
    const calls = (await (
      await fetch(`${base}/api/calls`, {
        method: "POST",
        headers: { cookie, "Content-Type": "application/json" },
        body: JSON.stringify({ q: "E2E-PLAIN-006" }),
      })
    ).json()) as {
      rows: { id: number }[];
    };
    const callId = calls.rows[0]?.id;
    if (callId === undefined) throw new Error("the fixture call E2E-PLAIN-006 is missing");
    const callHtml = await (await fetch(`${base}/calls/${callId}`, { headers: { cookie } })).text();
    const call = await pageJsGzip(callHtml, cookie);

    const times: number[] = [];
    for (let i = 0; i < n + 3; i++) {
      await page.goto(`${base}/calls/${callId}`);
      await page.getByLabel("Call status").selectOption("6");
      // The catalogue's rules: a succeeded call goes with 00000.
      await page.getByRole("combobox", { name: "Failure cause code" }).fill("00000");
      await page.getByLabel("Call id").fill(`BENCH-${i}`);
      const outcome = page.getByTestId("write-back-outcome");
      const started = performance.now();
      await page.getByRole("button", { name: "Send to iSales" }).click();
      await outcome
        .getByText("iSales accepted the outcome.")
        .waitFor({ timeout: 15_000 })
        .catch(async (error: unknown) => {
          await page.screenshot({ path: join(tmpdir(), "bench-agent-failure.png"), fullPage: true });
          throw error;
        });
      // The first three warm the server's code paths and the browser's cache.
      if (i >= 3) times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    console.log(`call page JS (gzip): ${(call.bytes / 1024).toFixed(1)} KiB in ${call.files} files`);
    console.log(`list page JS (gzip): ${(list.bytes / 1024).toFixed(1)} KiB in ${list.files} files`);
    console.log(
      `submit → outcome shown, ${times.length} write-backs, simulator answering at once: median ${ms(quantile(times, 0.5))}, p90 ${ms(quantile(times, 0.9))}, min ${ms(times[0] ?? 0)}, max ${ms(times.at(-1) ?? 0)}`,
    );
    console.log(
      `the simulator received ${sim.received().filter((r) => r.interface === "midresult").length} write-backs`,
    );
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    await sim.close();
    rmSync(dataRoot, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
