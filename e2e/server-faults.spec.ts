import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { type Relay, startRelay } from "../test/support/db-relay";
import { baseEnv, type OwnServer, seedUsers, startOwnServer, waitUntilUp } from "./own-server";
import { OWN_PORT_BASE } from "./servers";

/**
 * Faults the server itself must answer clearly, each against a production server of its
 * own: a database it cannot open at start (it must exit, not answer 500), one that goes away
 * while it runs (readable pages, 503 JSON, sign-in says so, ready again by itself), the
 * sign-in limit with a forged X-Forwarded-For, and logs that hold no phone numbers.
 */

test.describe.configure({ mode: "serial", timeout: 180_000 });
test.use({ storageState: { cookies: [], origins: [] } });

let root: string;
test.beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "preview-desk-faults-"));
});
test.afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Exactly one line that starts with "Preview Desk cannot start", and no stack trace. */
function expectOneClearLine(output: string, pattern: RegExp) {
  const lines = output.split("\n").filter((l) => l.startsWith("Preview Desk cannot start"));
  expect(lines, output).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(output).not.toMatch(/^\s+at /m);
}

/** Poll a port while the server starts: it may refuse or hold a request, never answer 5xx. */
async function neverAnswers5xx(url: string, until: Promise<unknown>): Promise<number[]> {
  const statuses: number[] = [];
  let done = false;
  void until.then(() => {
    done = true;
  });
  while (!done) {
    try {
      const res = await fetch(`${url}/`, { signal: AbortSignal.timeout(2000) });
      statuses.push(res.status);
    } catch {
      // refused, or held until the process ended: both fine
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return statuses.filter((s) => s >= 500);
}

test.describe("a database that cannot be opened at start", () => {
  test("the embedded folder locked by another server: exit 1, one line, the port never answers 500", async () => {
    const dataDir = join(root, "locked");
    const first = startOwnServer(OWN_PORT_BASE, baseEnv({ DATA_DIR: dataDir }));
    try {
      await waitUntilUp(first);
      const second = startOwnServer(OWN_PORT_BASE + 1, baseEnv({ DATA_DIR: dataDir }));
      const fives = await neverAnswers5xx(`http://127.0.0.1:${OWN_PORT_BASE + 1}`, second.exited);
      expect(await second.exited).toBe(1);
      expect(fives).toEqual([]);
      expectOneClearLine(
        second.output(),
        /embedded database in .*locked is in use by another Preview Desk process/,
      );
      // The first server is untouched.
      expect((await fetch(`${first.url}/api/ready`)).status).toBe(200);
    } finally {
      await first.stop();
    }
  });

  test("a read-only data folder: exit 1 with one line that says so", async () => {
    const dataDir = join(root, "read-only");
    const { mkdirSync, chmodSync } = await import("node:fs");
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o555);
    // root may write anywhere: run the server as nobody then, for whom the folder is read-only.
    const asRoot = process.getuid?.() === 0;
    const env = baseEnv({ DATA_DIR: dataDir, HOME: root });
    const next = join(process.cwd(), "node_modules", ".bin", "next");
    const command = asRoot
      ? [
          "setpriv",
          "--reuid=65534",
          "--regid=65534",
          "--clear-groups",
          next,
          "start",
          "-p",
          String(OWN_PORT_BASE + 2),
        ]
      : undefined;
    const server = startOwnServer(OWN_PORT_BASE + 2, env, command);
    const fives = await neverAnswers5xx(server.url, server.exited);
    expect(await server.exited).toBe(1);
    expect(fives).toEqual([]);
    expectOneClearLine(server.output(), /read-only.*DATA_DIR\): the folder is not writable \(EACCES\)/);
  });

  test("a DATABASE_URL where nothing listens: exit 1, one line, no password", async () => {
    const server = startOwnServer(
      OWN_PORT_BASE + 3,
      baseEnv({ DATABASE_URL: "postgres://desk:s3cret-pw@127.0.0.1:9/desk" }),
    );
    const fives = await neverAnswers5xx(server.url, server.exited);
    expect(await server.exited).toBe(1);
    expect(fives).toEqual([]);
    expectOneClearLine(server.output(), /PostgreSQL database at 127\.0\.0\.1:9\/desk .*connection refused/);
    expect(server.output()).not.toContain("s3cret-pw");
  });
});

async function failSignIns(page: Page, url: string, count: number, forwardedFor: (i: number) => string) {
  let last = "";
  for (let i = 0; i < count; i += 1) {
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": forwardedFor(i) });
    await page.getByLabel("Username").fill(`nobody-${i}`);
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: /sign in/i }).click();
    const alert = page.locator("#sign-in-message");
    await expect(alert).not.toHaveText("");
    last = (await alert.textContent()) ?? "";
    await page.goto(`${url}/sign-in`);
  }
  return last;
}

test.describe("the per-address sign-in limit (20 failures in 15 minutes)", () => {
  test("a new X-Forwarded-For on every try does not dodge it (TRUSTED_PROXIES unset)", async ({ page }) => {
    const server = startOwnServer(OWN_PORT_BASE + 4, baseEnv({ DATA_DIR: join(root, "xff") }));
    try {
      await waitUntilUp(server);
      await page.goto(`${server.url}/sign-in`);
      const last = await failSignIns(page, server.url, 21, (i) => `198.51.100.${i + 1}`);
      expect(last).toMatch(/Too many attempts/);
    } finally {
      await server.stop();
    }
  });

  test("behind a trusted proxy (TRUSTED_PROXIES=loopback) each forwarded address counts on its own", async ({
    page,
  }) => {
    const server = startOwnServer(
      OWN_PORT_BASE + 5,
      baseEnv({ DATA_DIR: join(root, "xff-trusted"), TRUSTED_PROXIES: "loopback" }),
    );
    try {
      await waitUntilUp(server);
      await page.goto(`${server.url}/sign-in`);
      const last = await failSignIns(page, server.url, 21, (i) => `198.51.100.${i + 1}`);
      expect(last).not.toMatch(/Too many attempts/);
      expect(last).toMatch(/username or password/i);
    } finally {
      await server.stop();
    }
  });
});

const pgUrl = process.env.TEST_DATABASE_URL?.trim();

test.describe("PostgreSQL going away while the server runs", () => {
  test.skip(
    !pgUrl && process.env.CI !== "true",
    "needs TEST_DATABASE_URL (npm test starts a throwaway cluster)",
  );

  let relay: Relay;
  let server: OwnServer;
  let databaseUrl: string;
  let dbName: string;

  test.beforeAll(async () => {
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    dbName = `preview_desk_faults_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const direct = new URL(pgUrl ?? "");
    direct.pathname = `/${dbName}`;
    databaseUrl = direct.toString();
    relay = await startRelay(direct.hostname, Number(direct.port || 5432));
    const viaRelay = new URL(databaseUrl);
    viaRelay.port = String(relay.port);
    seedUsers(baseEnv({ DATABASE_URL: databaseUrl }));
    server = startOwnServer(OWN_PORT_BASE + 6, baseEnv({ DATABASE_URL: viaRelay.toString() }));
    await waitUntilUp(server);
  });

  test.afterAll(async () => {
    await server?.stop();
    await relay?.close();
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  test("pages, route handlers, ready and sign-in say the database cannot be reached, then recover by themselves", async ({
    browser,
  }) => {
    const signedIn = await signedInPage(browser, server.url);
    expect((await fetch(`${server.url}/api/ready`)).status).toBe(200);

    await relay.cut();

    const ready = await fetch(`${server.url}/api/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ready: false, database: "unreachable" });

    const cookie = (await signedIn.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const api = await fetch(`${server.url}/api/calls`, { headers: { cookie } });
    expect(api.status).toBe(503);
    expect(await api.json()).toEqual({
      error: { code: "database_unavailable", message: expect.stringMatching(/cannot reach its database/) },
    });

    await signedIn.goto(`${server.url}/`);
    await expect(signedIn.getByRole("heading", { name: "Cannot reach the database" })).toBeVisible();
    await expect(signedIn.getByRole("button", { name: "Try again" })).toBeVisible();
    const text = (await signedIn.locator("body").textContent()) ?? "";
    expect(text).not.toMatch(/ECONNREFUSED|Failed query|at .*\.js/);

    const fresh = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const signInPage = await fresh.newPage();
    await signInPage.goto(`${server.url}/sign-in`);
    await signInPage.getByLabel("Username").fill("agent1");
    await signInPage.getByLabel("Password").fill("agent1-demo-pass");
    await signInPage.getByRole("button", { name: /sign in/i }).click();
    await expect(signInPage.locator("#sign-in-message")).toHaveText(/Cannot reach the database/);

    await relay.restore();

    await expect
      .poll(async () => (await fetch(`${server.url}/api/ready`)).status, { timeout: 20_000 })
      .toBe(200);
    await signedIn.getByRole("button", { name: "Try again" }).click();
    await expect(signedIn.getByRole("heading", { name: "Previewed calls" })).toBeVisible();
    // The form keeps the username after a refusal, never the password: type it again.
    await expect(signInPage.getByLabel("Username")).toHaveValue("agent1");
    await signInPage.getByLabel("Password").fill("agent1-demo-pass");
    await signInPage.getByRole("button", { name: /sign in/i }).click();
    await expect(signInPage.getByRole("heading", { name: "Previewed calls" })).toBeVisible();
    await fresh.close();
  });

  test("ready answers 503 while writes fail (disk full), and 200 again once they work", async () => {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      await admin.query(`create function refuse_writes() returns trigger language plpgsql as $$
        begin raise exception 'could not extend file: No space left on device' using errcode = 'disk_full'; end $$`);
      await admin.query(
        "create trigger refuse_writes before insert or update on rate_limits for each row execute function refuse_writes()",
      );
      const full = await fetch(`${server.url}/api/ready`);
      expect(full.status).toBe(503);
      expect(await full.json()).toMatchObject({ ready: false, database: "not writable" });
      await admin.query("drop trigger refuse_writes on rate_limits");
      await admin.query("drop function refuse_writes()");
      expect((await fetch(`${server.url}/api/ready`)).status).toBe(200);
    } finally {
      await admin.end();
    }
  });

  test("a failed write in a server action and in a route handler logs no phone number", async ({
    browser,
  }) => {
    const PHONE = "13955501234";
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      await admin.query(`create function refuse_all() returns trigger language plpgsql as $$
        begin raise exception 'refused by test trigger'; end $$`);
      await admin.query(
        "create trigger refuse_all before insert or update on rate_limits for each row execute function refuse_all()",
      );
      await admin.query(
        "create trigger refuse_all before insert or update on import_jobs for each row execute function refuse_all()",
      );
      // The sign-in action counts the attempt under the username, here a phone number.
      const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
      const page = await context.newPage();
      await page.goto(`${server.url}/sign-in`);
      await page.getByLabel("Username").fill(PHONE);
      await page.getByLabel("Password").fill("wrong-password");
      await page.getByRole("button", { name: /sign in/i }).click();
      await expect(page.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
      await context.close();

      // The upload stores the file's text: a CSV of phone numbers.
      await admin.query("drop trigger refuse_all on rate_limits");
      const supervisor = await signedInPage(browser, server.url, "super1", "super1-demo-pass");
      const upload = await supervisor.request.post(`${server.url}/supervisor/import/upload`, {
        headers: { Origin: server.url },
        multipart: {
          file: {
            name: "numbers.csv",
            mimeType: "text/csv",
            buffer: Buffer.from(`subCCNo,vdnId,serviceId,uniqueId,phoneNumber\n1,1,T,U1,${PHONE}\n`),
          },
        },
      });
      expect(upload.status()).toBe(500);
      await supervisor.context().close();
    } finally {
      await admin.query("drop trigger if exists refuse_all on rate_limits");
      await admin.query("drop trigger if exists refuse_all on import_jobs");
      await admin.query("drop function if exists refuse_all()");
      await admin.end();
    }
    // Give the server a moment to flush what it logs about the failures.
    await expect.poll(() => server.output().includes("refused by test trigger")).toBe(true);
    expect(server.output()).not.toContain(PHONE);
    expect(server.output()).not.toContain(PHONE.slice(-8));
  });
});

async function signedInPage(
  browser: Browser,
  url: string,
  username = "agent1",
  password = "agent1-demo-pass",
) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto(`${url}/sign-in`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page.getByRole("heading", { name: "Previewed calls" })).toBeVisible();
  return page;
}
