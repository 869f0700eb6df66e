import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

/** The session cookie as the browser keeps it, and sign-out ending that session at once. */

test.use({ storageState: { cookies: [], origins: [] } });

test("the session cookie is HttpOnly, SameSite=Lax, not Secure over plain HTTP, and lasts 12 hours", async ({
  page,
}) => {
  const before = Date.now() / 1000;
  await signIn(page, "agent1", "agent1-demo-pass");
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === "pd_session");
  expect(session, "a session cookie is set").toBeDefined();
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
  expect(session?.path).toBe("/");
  expect(session?.secure).toBe(false);
  const lifetime = (session?.expires ?? 0) - before;
  expect(lifetime).toBeGreaterThan(12 * 3600 - 120);
  expect(lifetime).toBeLessThan(12 * 3600 + 120);
  // The page's script cannot read it.
  expect(await page.evaluate(() => document.cookie)).not.toContain("pd_session");
});

test("signing out ends the session on the server: the old cookie no longer opens anything", async ({
  page,
  playwright,
  baseURL,
}) => {
  await signIn(page, "agent1", "agent1-demo-pass");
  const session = (await page.context().cookies()).find((c) => c.name === "pd_session");
  expect(session).toBeDefined();
  const replay = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { cookie: `pd_session=${session?.value}` },
  });
  expect((await replay.get("/api/calls")).status()).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  // Even a copy of the cookie kept from before is refused now.
  expect((await replay.get("/api/calls")).status()).toBe(401);
  await replay.dispose();
});
