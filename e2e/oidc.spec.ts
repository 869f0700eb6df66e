import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { baseEnv, type OwnServer, seedUsers, startOwnServer, waitUntilUp } from "./own-server";
import { OWN_PORT_BASE } from "./servers";

/**
 * Company sign-in (OpenID Connect, issue 11) against a real identity provider on a socket:
 * scripts/oidc-dev-provider.ts (panva's oidc-provider) with its own log-in and consent
 * pages, and a production server of ours set up for it. The directory there gives ada the
 * agents' group and work number 1001, sam the supervisors', nobody no group, and agent1 a
 * name a local account already has.
 */

test.describe.configure({ mode: "serial", timeout: 120_000 });
test.use({ storageState: { cookies: [], origins: [] } });

const appPort = OWN_PORT_BASE + 7;
const idpPort = OWN_PORT_BASE + 8;
const appUrl = `http://127.0.0.1:${appPort}`;
let root: string;
let idp: ChildProcess;
let server: OwnServer;

test.beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "preview-desk-oidc-"));
  idp = spawn(join("node_modules", ".bin", "tsx"), ["scripts/oidc-dev-provider.ts"], {
    env: {
      ...process.env,
      OIDC_DEV_PORT: String(idpPort),
      OIDC_DEV_REDIRECT_URI: `${appUrl}/auth/oidc/callback`,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`the identity provider did not start:\n${out}`)), 30_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("listening")) {
        clearTimeout(timer);
        resolve();
      }
    };
    idp.stdout?.on("data", read);
    idp.stderr?.on("data", read);
  });
  const env = baseEnv({
    DATA_DIR: join(root, "db"),
    OIDC_ISSUER: `http://localhost:${idpPort}`,
    OIDC_CLIENT_ID: "preview-desk",
    OIDC_CLIENT_SECRET: "preview-desk-dev-secret-0123456789",
    OIDC_SCOPES: "openid profile groups",
    OIDC_ROLE_GROUPS: "agent=cc-agents,supervisor=cc-supervisors,admin=it-admins",
    OIDC_WORKNO_CLAIM: "work_no",
    APP_URL: appUrl,
  });
  seedUsers(env);
  server = startOwnServer(appPort, env);
  await waitUntilUp(server);
});

test.afterAll(async () => {
  await server?.stop();
  idp?.kill("SIGTERM");
  rmSync(root, { recursive: true, force: true });
});

async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.goto(`${appUrl}/sign-in`);
  await page.getByRole("link", { name: "Sign in with your company account" }).click();
  await expect(page).toHaveURL(new RegExp(`^http://localhost:${idpPort}/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("an agent of the company directory signs in with the role and work number its groups give", async ({
  page,
}) => {
  await signInAtProvider(page, "ada");
  await expect(page).toHaveURL(`${appUrl}/`);
  await expect(page.getByTestId("signed-in-user")).toHaveText("ada · Agent · work no. 1001");
  await expect(page.getByRole("link", { name: "Review", exact: true })).toHaveCount(0);
  // The session is ours: signing out ends it as for a local account.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the highest role of the user's groups wins: sam is a supervisor", async ({ page }) => {
  await signInAtProvider(page, "sam");
  await expect(page.getByTestId("signed-in-user")).toHaveText("sam · Supervisor");
  await expect(page.getByRole("link", { name: "Review", exact: true })).toBeVisible();
});

test("a user in no group of Preview Desk is refused, with the reason", async ({ page }) => {
  await signInAtProvider(page, "nobody");
  await expect(page).toHaveURL(/\/sign-in\?error=oidc_no_role$/);
  await expect(page.getByText(/not in any group that may use Preview Desk/)).toBeVisible();
  await expect(page.getByTestId("signed-in-user")).toHaveCount(0);
});

test("a company user never takes over a local account of the same name", async ({ page }) => {
  await signInAtProvider(page, "agent1");
  await expect(page).toHaveURL(/\/sign-in\?error=oidc_name_taken$/);
  await expect(page.getByText(/already exists/)).toBeVisible();
});

test("a callback without the flow's cookie (forged, replayed or too late) signs nobody in", async ({
  request,
}) => {
  const res = await request.get(`${appUrl}/auth/oidc/callback?code=forged&state=forged`, { maxRedirects: 0 });
  expect(res.status()).toBe(303);
  expect(res.headers().location).toBe("/sign-in?error=oidc_flow");
  expect(res.headers()["set-cookie"] ?? "").not.toMatch(/pd_session=[^;]/);
});

test("local accounts keep working beside company sign-in", async ({ page }) => {
  await page.goto(`${appUrl}/sign-in`);
  await page.getByLabel("Username").fill("agent1");
  await page.getByLabel("Password").fill("agent1-demo-pass");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("signed-in-user")).toContainText("agent1");
});
