/**
 * `npm run bench:sw` (after `npm run build`): the weight the service worker adds (issue 14)
 * and when it comes, in real Chromium against the production standalone server.
 * Prints: public/sw.js's size (raw and gzip) as served; the call page's JavaScript that its
 * HTML references (gzip, as bench:agent counts page weight) and whether the worker or its
 * registration library is among it; when the page called `register` relative to its load
 * event; the scripts fetched after the load event (the registration library); and what the
 * worker then precaches in the background (files, bytes). Not part of npm test.
 *
 *   npm run bench:sw
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import getPort from "get-port";
import { z } from "zod";

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const gzip = (b: Buffer) => gzipSync(b, { level: 9 }).length;

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

async function main(): Promise<void> {
  const standalone = join(".next", "standalone", "server.js");
  if (!existsSync(standalone) || !existsSync(join("public", "sw.js")))
    throw new Error("No build: run `npm run build` first (it makes the standalone server and public/sw.js).");
  const stats = z
    .object({ precacheFiles: z.number(), precacheBytes: z.number() })
    .parse(JSON.parse(readFileSync(join(".next", "sw-stats.json"), "utf8")));

  const dataRoot = mkdtempSync(join(tmpdir(), "preview-desk-bench-sw-"));
  const port = await getPort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATA_DIR: join(dataRoot, "data"),
    ISALES_BASE_URL: "http://127.0.0.1:9",
    ISALES_TOKEN: "bench-token",
    LOG_LEVEL: "warn",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
  };
  for (const script of [["scripts/calls-import.ts", "e2e/fixtures/calls.json"], ["e2e/seed.ts"]]) {
    const r = spawnSync(join("node_modules", ".bin", "tsx"), ["--conditions=react-server", ...script], {
      env,
      stdio: "inherit",
    });
    if (r.status !== 0) throw new Error(`seeding failed: ${script.join(" ")}`);
  }
  const server = spawn(process.execPath, [standalone], { env, stdio: "ignore" });
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  try {
    await waitFor(`${base}/api/health`, 60_000);
    const context = await browser.newContext({ serviceWorkers: "allow" });
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel("Username").fill("agent1");
    await page.getByLabel("Password").fill("agent1-demo-pass");
    await page.getByRole("button", { name: /sign in/i }).click();
    await page.getByRole("heading", { name: "Previewed calls" }).waitFor();
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const found = z.object({ rows: z.array(z.object({ id: z.number() })) }).parse(
      await (
        await fetch(`${base}/api/calls`, {
          method: "POST",
          headers: { cookie, "Content-Type": "application/json" },
          body: JSON.stringify({ q: "E2E-PLAIN-006" }),
        })
      ).json(),
    );
    const callId = found.rows[0]?.id;
    if (callId === undefined) throw new Error("the fixture call E2E-PLAIN-006 is missing");

    // The page's weight: the scripts its HTML references (what loads before it is usable).
    const html = await (await fetch(`${base}/calls/${callId}`, { headers: { cookie } })).text();
    const srcs = [...new Set([...html.matchAll(/(?:src|href)="([^"]+\.js[^"]*)"/g)].map((m) => m[1] ?? ""))];
    let pageBytes = 0;
    const bodies: string[] = [];
    for (const src of srcs) {
      const body = Buffer.from(
        await (await fetch(new URL(src, base), { headers: { cookie } })).arrayBuffer(),
      );
      pageBytes += gzip(body);
      bodies.push(body.toString("utf8"));
    }
    const swInPage = srcs.some((s) => s.includes("sw.js")) || bodies.some((b) => b.includes("SKIP_WAITING"));

    // The worker as served.
    const sw = Buffer.from(await (await fetch(`${base}/sw.js`)).arrayBuffer());

    // When registration happens: a fresh browser, the call page opened first (measuring
    // hook in this bench only: it notes when the page calls register).
    const fresh = await browser.newContext({
      serviceWorkers: "allow",
      storageState: await context.storageState(),
    });
    await fresh.addInitScript(() => {
      const container = ServiceWorkerContainer.prototype;
      const original = container.register;
      container.register = function (this: ServiceWorkerContainer, ...args: Parameters<typeof original>) {
        (window as unknown as { __registerAt: number }).__registerAt = performance.now();
        return original.apply(this, args);
      };
    });
    const callPage = await fresh.newPage();
    await callPage.goto(`${base}/calls/${callId}`);
    await callPage.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const timing = await callPage.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      const loadEnd = nav?.loadEventEnd ?? 0;
      const after = performance
        .getEntriesByType("resource")
        .filter((e) => e.startTime >= loadEnd && e.name.endsWith(".js"))
        .map((e) => new URL(e.name).pathname);
      return {
        loadEnd,
        registerAt: (window as unknown as { __registerAt?: number }).__registerAt ?? Number.NaN,
        after,
      };
    });
    let afterBytes = 0;
    for (const path of timing.after)
      afterBytes += gzip(Buffer.from(await (await fetch(`${base}${path}`)).arrayBuffer()));

    console.log(`service worker /sw.js: ${kib(sw.length)}, ${kib(gzip(sw))} gzip`);
    console.log(
      `call page JS referenced by its HTML (gzip): ${kib(pageBytes)} in ${srcs.length} files; ` +
        `the worker or its registration library among them: ${swInPage ? "YES" : "no"}`,
    );
    console.log(
      `register() called ${(timing.registerAt - timing.loadEnd).toFixed(0)} ms after the load event ` +
        `(load event ended at ${timing.loadEnd.toFixed(0)} ms)`,
    );
    console.log(
      `JS fetched after the load event: ${timing.after.length} files, ${kib(afterBytes)} gzip (${timing.after.join(", ")})`,
    );
    console.log(
      `precached by the worker in the background after it installs: ${stats.precacheFiles} files, ${kib(stats.precacheBytes)} (uncompressed)`,
    );
    await fresh.close();
    await context.close();
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    rmSync(dataRoot, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
