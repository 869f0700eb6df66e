import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { fillFailedOutcome, openCall, receivedWriteBacks, resetSimulator, signIn } from "./helpers";
import { baseEnv, type OwnServer, startOwnServer, waitUntilUp } from "./own-server";
import { OWN_PORT_BASE, simUrl } from "./servers";

/**
 * The desk survives the network (issue 14), in Chromium with the service worker allowed,
 * against a server of this spec's own (it is killed and restarted) that writes back to the
 * shared iSales simulator: what an agent types is kept on the device while offline and
 * comes back after a reload; an outcome sent offline waits on the device and reaches
 * iSales once when the connection returns; signing out leaves nothing of the agent in the
 * browser; the service worker answers a page offline with the generic offline page and
 * keeps nothing but the build's static files and that page.
 */

const port = OWN_PORT_BASE + 17;
const tsx = join("node_modules", ".bin", "tsx");
let root = "";
let env: NodeJS.ProcessEnv = baseEnv({});
let server: OwnServer;

function run(args: string[]) {
  const r = spawnSync(tsx, ["--conditions=react-server", ...args], { env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr || r.stdout}`);
}

/** Start the server on the spec's database; after a hard kill the embedded database's lock may need a second try. */
async function start(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    server = startOwnServer(port, env);
    try {
      await waitUntilUp(server);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

test.describe("offline", () => {
  test.describe.configure({ mode: "serial" });
  test.setTimeout(90_000);

  test.beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "preview-desk-offline-"));
    env = baseEnv({
      DATA_DIR: join(root, "data"),
      ISALES_BASE_URL: simUrl,
      ISALES_TIME_ZONE: "Asia/Shanghai",
      ISALES_TIMEOUT_MS: "3000",
      LOG_LEVEL: "warn",
    });
    run(["scripts/calls-import.ts", "e2e/fixtures/offline-calls.json"]);
    run(["e2e/seed.ts"]);
    await start();
  });

  test.afterAll(async () => {
    await server?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  async function agentDesk(
    browser: Browser,
    who: [string, string] = ["agent1", "agent1-demo-pass"],
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      baseURL: server.url,
      serviceWorkers: "allow",
      timezoneId: "Europe/Berlin",
      locale: "en-GB",
    });
    const page = await context.newPage();
    await signIn(page, who[0], who[1], server.url);
    return { context, page };
  }

  /** The call page, live, with the service worker in control of it. */
  async function openLive(page: Page, uniqueId: string) {
    await openCall(page, uniqueId, server.url);
    await expect(page.locator("form[data-hydrated]")).toHaveCount(1);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  }

  test("typed offline, reloaded offline: the offline page shows the values, and the form has them back online", async ({
    browser,
  }) => {
    const { context, page } = await agentDesk(browser);
    await openLive(page, "E2E-OFFLINE-101-RELOAD");
    const url = page.url();

    await context.setOffline(true);
    await page.getByLabel("Call id").fill("TYPED-OFFLINE-101");
    await expect(page.getByTestId("draft-state")).toHaveText("Saved on this device");
    const banner = page.getByTestId("offline-banner");
    await expect(banner).toHaveText(/Preview Desk cannot be reached/);
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

    // Reloaded without a network: the service worker answers with the offline page.
    await page.reload();
    const shell = page.getByTestId("offline-shell");
    await expect(
      shell.getByRole("heading", { name: "Preview Desk cannot be reached", level: 1 }),
    ).toBeVisible();
    await expect(shell).toContainText("Call id: TYPED-OFFLINE-101");
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

    // What the worker keeps: the build's static files, the icons and the generic offline page; no page, no answer.
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys())
          urls.push(new URL(request.url).pathname);
      }
      return urls;
    });
    expect(cached.length).toBeGreaterThan(5);
    const unexpected = cached.filter(
      (p) =>
        !p.startsWith("/_next/static/") &&
        !p.startsWith("/icons/") &&
        !["/offline", "/icon.svg", "/favicon.ico", "/apple-touch-icon.png"].includes(p),
    );
    expect(unexpected).toEqual([]);

    await context.setOffline(false);
    await page.goto(url);
    await expect(page.getByLabel("Call id")).toHaveValue("TYPED-OFFLINE-101");
    // The device's draft is newer than the server's: it is kept and handed to the server.
    await expect(page.getByTestId("draft-state")).toHaveText(/^Draft saved/);
    await expect(page.getByTestId("offline-banner")).toHaveCount(0);
    await context.close();
  });

  test("sent offline: kept on the device and counted, then written back once when online, and shown accepted", async ({
    browser,
    request,
  }) => {
    await resetSimulator(request);
    const { context, page } = await agentDesk(browser);
    await openLive(page, "E2E-OFFLINE-102-SEND");

    await context.setOffline(true);
    await fillFailedOutcome(page);
    await page.getByRole("button", { name: "Send to iSales" }).click();
    const outcome = page.getByTestId("write-back-outcome");
    await expect(outcome).toContainText("Waiting to be sent from this device.");
    await expect(page.getByTestId("waiting-on-device")).toHaveText("1 outcome waiting on this device");
    expect(await receivedWriteBacks(request, "E2E-OFFLINE-102-SEND")).toHaveLength(0);
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

    await context.setOffline(false);
    await expect(outcome).toContainText("iSales accepted the outcome.", { timeout: 20_000 });
    await expect(page.getByTestId("waiting-on-device")).toHaveText("");
    await expect(page.getByTestId("offline-banner")).toHaveCount(0);
    const received = await receivedWriteBacks(request, "E2E-OFFLINE-102-SEND");
    expect(received).toHaveLength(1);
    expect(received[0]?.body).toMatchObject({ uniqueId: "E2E-OFFLINE-102-SEND", failCode: "00145" });

    // A reload sends nothing again: the device holds nothing more for this call.
    await page.reload();
    await expect(page.getByRole("list", { name: "Write-backs, newest first" })).toContainText("Accepted");
    await expect(page.getByTestId("waiting-on-device")).toHaveText("");
    expect(await receivedWriteBacks(request, "E2E-OFFLINE-102-SEND")).toHaveLength(1);
    await context.close();
  });

  test("the server killed while the agent types and started again: nothing typed is lost", async ({
    browser,
  }) => {
    const { context, page } = await agentDesk(browser);
    await openLive(page, "E2E-OFFLINE-103-KILL");
    const url = page.url();
    await page.getByLabel("Call id").fill("BEFORE-KILL");
    await expect(page.getByTestId("draft-state")).toHaveText(/^Draft saved/);

    server.kill();
    await server.exited;
    await page.getByLabel("Call id").fill("WHILE-DOWN-103");
    await page.getByLabel("Detection result (ASR)").fill("typed while the server was down");
    await expect(page.getByTestId("draft-state")).toHaveText("Saved on this device");
    await expect(page.getByTestId("offline-banner")).toBeVisible();

    await start();
    // The server answers again: the banner goes and the device's draft reaches it.
    await expect(page.getByTestId("offline-banner")).toHaveCount(0, { timeout: 20_000 });
    await expect(page.getByTestId("draft-state")).toHaveText(/^Draft saved/);

    // On another browser with no device data: the server has it too.
    const other = await agentDesk(browser);
    await other.page.goto(url);
    await expect(other.page.getByLabel("Call id")).toHaveValue("WHILE-DOWN-103");
    await expect(other.page.getByLabel("Detection result (ASR)")).toHaveValue(
      "typed while the server was down",
    );
    await other.context.close();
    await context.close();
  });

  test("signing out clears everything the device keeps for the agent", async ({ browser }) => {
    const { context, page } = await agentDesk(browser);
    await openLive(page, "E2E-OFFLINE-104-SIGNOUT");
    await context.setOffline(true);
    await page.getByLabel("Call id").fill("ON-THE-DEVICE-104");
    await expect(page.getByTestId("draft-state")).toHaveText("Saved on this device");
    await context.setOffline(false);
    await expect(page.getByTestId("offline-banner")).toHaveCount(0, { timeout: 20_000 });

    const kept = () =>
      page.evaluate(async () => {
        const found: { databases: string[]; entries: number; marker: string | null; caches: string[] } = {
          databases: [],
          entries: 0,
          marker: localStorage.getItem("preview-desk:device-user"),
          caches: await caches.keys(),
        };
        for (const info of await indexedDB.databases()) {
          if (!info.name?.startsWith("preview-desk-user-")) continue;
          found.databases.push(info.name);
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const open = indexedDB.open(info.name ?? "");
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
          });
          if (db.objectStoreNames.contains("device")) {
            found.entries += await new Promise<number>((resolve) => {
              const count = db.transaction("device").objectStore("device").count();
              count.onsuccess = () => resolve(count.result);
            });
          }
          db.close();
        }
        return found;
      });
    const before = await kept();
    expect(before.entries).toBeGreaterThan(0);
    expect(before.marker).not.toBeNull();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    const after = await kept();
    expect(after.entries).toBe(0);
    expect(after.marker).toBeNull();
    // Only the build's own files stay cached (shared by everyone, personal to no one).
    for (const name of after.caches) expect(name).toMatch(/^preview-desk-(precache|offline)/);
    await context.close();
  });

  test("signing out with outcomes still waiting asks first; declining keeps them", async ({ browser }) => {
    const { context, page } = await agentDesk(browser);
    await openLive(page, "E2E-OFFLINE-108-ASK");
    await context.setOffline(true);
    await fillFailedOutcome(page);
    await page.getByRole("button", { name: "Send to iSales" }).click();
    await expect(page.getByTestId("waiting-on-device")).toHaveText("1 outcome waiting on this device");

    const asked: string[] = [];
    page.once("dialog", (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect
      .poll(() => asked)
      .toEqual([
        "1 outcome has not been sent from this device yet. Signing out deletes it from this device. Sign out anyway?",
      ]);
    await expect(page.getByTestId("waiting-on-device")).toHaveText("1 outcome waiting on this device");
    await expect(page.getByTestId("signed-in-user")).toContainText("agent1");
    await context.close();
  });

  test("a draft kept on the device is dropped for a newer one made elsewhere meanwhile", async ({
    browser,
  }) => {
    const { context, page } = await agentDesk(browser);
    await openLive(page, "E2E-OFFLINE-105-NEWER");
    await context.setOffline(true);
    await page.getByLabel("Call id").fill("OLDER-ON-DEVICE");
    await expect(page.getByTestId("draft-state")).toHaveText("Saved on this device");

    // The same agent, on another computer, types later, and the server keeps it.
    const other = await agentDesk(browser);
    await openLive(other.page, "E2E-OFFLINE-105-NEWER");
    await other.page.getByLabel("Call id").fill("NEWER-ELSEWHERE");
    await expect(other.page.getByTestId("draft-state")).toHaveText(/^Draft saved/);
    await other.context.close();

    await context.setOffline(false);
    await expect(page.getByLabel("Call id")).toHaveValue("NEWER-ELSEWHERE", { timeout: 20_000 });
    await expect(page.getByTestId("draft-state")).toHaveText(/^Draft saved/);
    await page.reload();
    await expect(page.getByLabel("Call id")).toHaveValue("NEWER-ELSEWHERE");
    await context.close();
  });

  test("an outcome waiting on the device that meets a supervisor's correction is shown as a conflict, not sent over it", async ({
    browser,
    request,
  }) => {
    await resetSimulator(request);
    const { context, page } = await agentDesk(browser);
    await openLive(page, "E2E-OFFLINE-106-CONFLICT");
    await fillFailedOutcome(page);
    await page.getByRole("button", { name: "Send to iSales" }).click();
    await expect(page.getByTestId("write-back-outcome")).toContainText("iSales accepted the outcome.");

    await context.setOffline(true);
    await page.getByRole("button", { name: "Change outcome" }).click();
    await page.getByLabel("Detection result (ASR)").fill("answered offline");
    await page.getByRole("button", { name: "Send to iSales" }).click();
    await expect(page.getByTestId("write-back-outcome")).toContainText(
      "Waiting to be sent from this device.",
    );

    const sup = await agentDesk(browser, ["super1", "super1-demo-pass"]);
    await openCall(sup.page, "E2E-OFFLINE-106-CONFLICT", server.url);
    await sup.page.getByLabel("Call id").fill("SUPER-106");
    await sup.page.getByLabel("Reason for the change (required)").fill("Checked with the customer");
    await sup.page.getByRole("button", { name: "Save correction and send to iSales" }).click();
    await expect(sup.page.getByTestId("write-back-outcome")).toContainText("iSales accepted the outcome.");
    await sup.context.close();

    await context.setOffline(false);
    const conflict = page.getByRole("alert").filter({ hasText: "Someone else changed this call" });
    await expect(conflict).toContainText("super1", { timeout: 20_000 });
    await expect(conflict).toContainText("SUPER-106");
    await expect(page.getByLabel("Detection result (ASR)")).toHaveValue("answered offline");
    await expect(page.getByTestId("waiting-on-device")).toHaveText("");
    // iSales got the agent's first outcome and the supervisor's correction: not the one that waited.
    expect(await receivedWriteBacks(request, "E2E-OFFLINE-106-CONFLICT")).toHaveLength(2);
    await context.close();
  });

  test("a new build: the agent is told a new version is ready and reloads into it", async ({ browser }) => {
    const { context, page } = await agentDesk(browser);
    await openLive(page, "E2E-OFFLINE-107-UPDATE");
    const before = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null);
    expect(before).toMatch(/\/sw\.js$/);
    // What a deploy does to the worker: a new build makes a new file.
    const file = join(".next", "standalone", "public", "sw.js");
    const built = readFileSync(file, "utf8");
    try {
      writeFileSync(file, `${built}\n// another build\n`);
      await page.reload();
      const toast = page.getByText("A new version of Preview Desk is ready.");
      await expect(toast).toBeVisible({ timeout: 20_000 });
      const waiting = () =>
        page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null);
      expect(await waiting()).toBe(true);
      // The new worker takes over, then the page reloads itself: wait for that navigation
      // (not just "load", which the old page has already reached), so nothing is asked of a
      // page that is going away.
      const reloaded = page.waitForEvent("framenavigated", { predicate: (f) => f === page.mainFrame() });
      await page.getByRole("button", { name: "Reload" }).click();
      await reloaded;
      await page.waitForLoadState("load");
      await expect(page.getByLabel("Call id")).toBeVisible();
      await expect.poll(waiting).toBe(false);
      await expect(page.getByText("A new version of Preview Desk is ready.")).toHaveCount(0);
    } finally {
      writeFileSync(file, built);
    }
    await context.close();
  });
});
