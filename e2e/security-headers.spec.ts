import { expect, type Page, test } from "@playwright/test";
import { openCall } from "./helpers";
import { appUrl } from "./servers";

/**
 * The security headers are on every kind of response (a page, a route handler, a static
 * file, a 404), and the pages still hydrate and work under the Content-Security-Policy: no
 * violation is reported while an agent uses the list and a call page. (The rest of the
 * suite runs with the same policy: a page that did not hydrate would fail it too.)
 */

function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).not.toContain("unsafe-eval");
  expect(csp, what).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  // Served over plain HTTP without HSTS_ENABLED: no HSTS (it would be wrong here).
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

test("a page, a route handler, a static file and a 404 all carry the security headers", async ({
  request,
}) => {
  const page = await request.get("/");
  expect(page.status()).toBe(200);
  expectSecurityHeaders(page.headers(), "page /");
  const html = await page.text();

  const handler = await request.get("/api/health");
  expectSecurityHeaders(handler.headers(), "route handler /api/health");

  const script = html.match(/\/_next\/static\/[^"]+\.js/)?.[0];
  expect(script, "the page references a static script").toBeTruthy();
  const asset = await request.get(script ?? "");
  expect(asset.status()).toBe(200);
  expectSecurityHeaders(asset.headers(), `static ${script}`);

  const missing = await request.get("/no-such-page");
  expect(missing.status()).toBe(404);
  expectSecurityHeaders(missing.headers(), "404 page");

  // Each response has its own nonce, and the page's scripts carry it.
  const nonce = page.headers()["content-security-policy"]?.match(/'nonce-([^']+)'/)?.[1];
  expect(html).toContain(`nonce="${nonce}"`);
  const other = (await request.get("/")).headers()["content-security-policy"];
  expect(other).not.toContain(`'nonce-${nonce}'`);
});

async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (load|execute|apply)/i.test(m.text())) violations.push(m.text());
  });
  await page.exposeFunction("__cspViolation", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __cspViolation(v: string): void }).__cspViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      );
    });
  });
  return violations;
}

test("pages hydrate and work under the policy, with no violation reported", async ({ page }) => {
  const violations = await watchViolations(page);
  // The list's search is client-side (TanStack Query): it works only if the page hydrated.
  await openCall(page, "E2E-SUCCESS-001");
  // The write-back form validates in the browser (zodResolver) before anything is sent.
  await expect(page.getByRole("button", { name: /send/i }).first()).toBeVisible();
  await page.goto("/no-such-page");
  expect(violations).toEqual([]);
});

test("the sign-in page hydrates under the policy (client-side validation answers)", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const violations = await watchViolations(page);
  await page.goto(`${appUrl}/sign-in`);
  await page.getByRole("button", { name: /sign in/i }).click();
  // zodResolver's message: only the hydrated form shows it without a round trip.
  await expect(page.getByText("Enter your username")).toBeVisible();
  expect(violations).toEqual([]);
  await context.close();
});
