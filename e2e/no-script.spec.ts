import { type Browser, expect, type Page, type Request, test } from "@playwright/test";
import { receivedWriteBacks, resetSimulator } from "./helpers";
import { storageStatePath } from "./servers";
import { failWriteBack, importCalls, uniqueSuffix } from "./supervisor-support";

/**
 * Every form before its JavaScript arrives, or with none: the browser submits it itself.
 * Each must POST (never a GET that puts its fields into the address and the history), and
 * then either do its work or say that it needs JavaScript.
 */

// The demo accounts (lib/auth/users.ts ensureDemoUsers), as e2e/auth.setup.ts signs in with them.
const accounts = {
  agent1: "agent1-demo-pass",
  super1: "super1-demo-pass",
  admin1: "admin1-demo-pass",
} as const;

/** Every address the page navigated to (what the history and any proxy log would hold). */
function recordNavigations(page: Page): Request[] {
  const seen: Request[] = [];
  page.on("request", (r) => {
    if (r.isNavigationRequest() && r.frame() === page.mainFrame()) seen.push(r);
  });
  return seen;
}

/** No address the page went to carried any of these words (field names or typed values). */
function expectNotInAnyUrl(navigations: Request[], words: string[]) {
  for (const r of navigations) {
    for (const word of words) expect(r.url(), `${r.method()} ${r.url()}`).not.toContain(word);
  }
}

async function noScriptPage(browser: Browser, username: keyof typeof accounts | null) {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    storageState: username ? storageStatePath(username) : { cookies: [], origins: [] },
  });
  const page = await context.newPage();
  return { context, page, navigations: recordNavigations(page) };
}

// These walk through several pages and make their own calls first: more than the default time.
test.describe.configure({ timeout: 120_000 });

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

test("without JavaScript, sign-in works by POST, lands on next, and the password is in no address", async ({
  browser,
}) => {
  const { context, page, navigations } = await noScriptPage(browser, null);
  try {
    await page.goto(`/sign-in?next=${encodeURIComponent("/?state=none")}`);
    await page.getByLabel("Username").fill("agent1");
    await page.getByLabel("Password").fill(accounts.agent1);
    await page.getByLabel("Password").press("Enter");
    await expect(page.getByRole("heading", { name: "Previewed calls" })).toBeVisible();
    const landed = new URL(page.url());
    expect(landed.pathname).toBe("/");
    expect(landed.searchParams.get("state")).toBe("none");
    expect((await context.cookies()).some((c) => c.name === "pd_session")).toBe(true);
    // The form went by POST, and no address ever held the password or its field name.
    expect(navigations.some((r) => r.method() === "POST" && new URL(r.url()).pathname === "/sign-in")).toBe(
      true,
    );
    expectNotInAnyUrl(navigations, ["password", accounts.agent1, "username="]);

    // A wrong password: the message, and still nothing in the address.
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { name: "Sign in to Preview Desk" })).toBeVisible();
    await page.getByLabel("Username").fill("agent1");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toContainText(/username or password/i);
    await expect(page.getByLabel("Username")).toHaveValue("agent1");
    expect((await context.cookies()).some((c) => c.name === "pd_session" && c.value !== "")).toBe(false);
    expectNotInAnyUrl(navigations, ["password", "not-the-password"]);
  } finally {
    await context.close();
  }
});

test("the page's JavaScript arrives seconds late: typing and pressing Enter at once still signs in", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const navigations = recordNavigations(page);
  // Hold every script back (styles pass), as a slow phone connection would.
  let released = 0;
  let holding = true;
  await page.route(
    (url) => url.pathname.startsWith("/_next/static/") && url.pathname.endsWith(".js"),
    async (route) => {
      while (holding) await new Promise((resolve) => setTimeout(resolve, 100));
      released++;
      await route.continue().catch(() => undefined);
    },
  );
  try {
    await page.goto("/sign-in", { waitUntil: "commit" });
    await page.getByLabel("Username").fill("agent1");
    await page.getByLabel("Password").fill(accounts.agent1);
    await page.getByLabel("Password").press("Enter");
    // The browser's own submission did the work: not one script had been let through.
    await expect(page.getByRole("heading", { name: "Previewed calls" })).toBeVisible();
    expect(released).toBe(0);
    expect(navigations.some((r) => r.method() === "POST" && new URL(r.url()).pathname === "/sign-in")).toBe(
      true,
    );
    expectNotInAnyUrl(navigations, ["password", accounts.agent1]);
  } finally {
    holding = false;
    await context.close();
  }
});

test("a GET with a password or a phone number in the address is ignored", async ({ browser, page }) => {
  const { context, page: anonymous } = await noScriptPage(browser, null);
  try {
    const response = await anonymous.goto(`/sign-in?username=agent1&password=${accounts.agent1}`);
    expect(response?.status()).toBe(200);
    // The proxy sent the browser on to the same page without them: gone from the address bar.
    expect(anonymous.url()).not.toContain("password");
    expect(anonymous.url()).not.toContain("username");
    await expect(anonymous.getByRole("heading", { name: "Sign in to Preview Desk" })).toBeVisible();
    expect((await context.cookies()).some((c) => c.name === "pd_session")).toBe(false);
    // And a page that needs sign-in does not carry it into its `next` link.
    await anonymous.goto("/?q=13700000006&password=x&state=none");
    const next = new URL(anonymous.url()).searchParams.get("next") ?? "";
    expect(next).toBe("/?state=none");
  } finally {
    await context.close();
  }
  // Signed in: the list ignores a search in the address, and the API refuses it unread.
  const all = ((await (await page.request.get("/api/calls")).json()) as { total: number }).total;
  await page.goto("/?q=13700000006");
  await expect(page.getByLabel("Search by number or customer id")).toHaveValue("");
  await expect(page.getByText(new RegExp(`^${all} calls`))).toBeVisible();
  const api = await page.request.get("/api/calls?q=13700000006");
  expect(api.status()).toBe(400);
  expect(await api.text()).not.toContain("13700000006");
});

test("a signed-in user's next never leaves the site", async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? "").origin;
  const tricks = [
    "/.//evil.example/phish",
    "/..//evil.example/phish",
    "//evil.example/x",
    "/\\evil.example",
    "/%2f%2fevil.example",
    "/%5cevil.example",
    "/\t/evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
  ];
  for (const trick of tricks) {
    const response = await page.request.get(`/sign-in?next=${encodeURIComponent(trick)}`, {
      maxRedirects: 0,
    });
    expect(response.status(), trick).toBeGreaterThanOrEqual(300);
    expect(response.status(), trick).toBeLessThan(400);
    const location = response.headers().location ?? "";
    expect(new URL(location, origin).origin, `${trick} → ${location}`).toBe(origin);
    expect(location.startsWith("//"), `${trick} → ${location}`).toBe(false);
  }
  // The reported one, followed by the browser itself.
  await page.goto("/sign-in?next=/.//evil.example/phish");
  expect(new URL(page.url()).origin).toBe(origin);
  await expect(page.getByRole("heading", { name: "Previewed calls" })).toBeVisible();
  // A good next is kept.
  await page.goto(`/sign-in?next=${encodeURIComponent("/?state=none")}`);
  expect(new URL(page.url()).searchParams.get("state")).toBe("none");
});

test("without JavaScript, the write-back form sends nothing, says it needs JavaScript and keeps a draft", async ({
  browser,
  request,
}) => {
  const sfx = uniqueSuffix();
  const uniqueId = `NOJS-${sfx}-1`;
  await importCalls(browser, [{ serviceId: `NOJS-${sfx}`, uniqueId, agent: "agent1" }]);
  const { context, page, navigations } = await noScriptPage(browser, "agent1");
  try {
    const found = await page.request.post("/api/calls", { data: { q: uniqueId } });
    const id = ((await found.json()) as { rows: { id: number }[] }).rows[0]?.id;
    expect(id).toBeDefined();
    await page.goto(`/calls/${id}`);
    await page.getByLabel("Call id").fill(`CID-${sfx}`);
    await page.getByRole("button", { name: "Send to iSales" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "needs JavaScript" })).toContainText(
      "kept as a draft",
    );
    expect(new URL(page.url()).pathname).toBe(`/calls/${id}`);
    expectNotInAnyUrl(navigations, [`CID-${sfx}`, "callId", "phoneNumber", "?status"]);
    expect(await receivedWriteBacks(request, uniqueId)).toEqual([]);

    // With JavaScript, the page restores what was typed.
    const withScript = await browser.newContext({ storageState: storageStatePath("agent1") });
    try {
      const p = await withScript.newPage();
      await p.goto(`/calls/${id}`);
      await expect(p.getByLabel("Call id")).toHaveValue(`CID-${sfx}`);
    } finally {
      await withScript.close();
    }
  } finally {
    await context.close();
  }
});

test("without JavaScript, the supervisor's forms post and answer", async ({ browser }) => {
  const sfx = uniqueSuffix();
  const task = `NJS-${sfx}`;
  const failed = `NJS-${sfx}-1`;
  await importCalls(browser, [
    { serviceId: task, uniqueId: failed, agent: "agent1" },
    { serviceId: task, uniqueId: `NJS-${sfx}-2`, agent: "agent1" },
  ]);
  const agent = await browser.newContext({ storageState: storageStatePath("agent1") });
  try {
    await failWriteBack(await agent.newPage(), failed);
  } finally {
    await agent.close();
  }

  const { context, page, navigations } = await noScriptPage(browser, "super1");
  try {
    // Review filters: a GET by design, and only filters travel.
    await page.goto("/review");
    await page.getByLabel("Task").selectOption(task);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(new RegExp(`serviceId=${task}`));
    await expect(page.getByRole("row").filter({ hasText: `NJS-${sfx}-` })).toHaveCount(2);

    // Assign: ticked rows and a choice, posted.
    await page.getByLabel(`Choose call NJS-${sfx}-2`).check();
    await page.getByLabel("Assign to").selectOption("agent2");
    await page.getByRole("button", { name: "Assign" }).click();
    await expect(page.getByRole("status").filter({ hasText: "1 assigned to agent2" })).toBeVisible();

    // Bulk re-send: the dry run, then discard it.
    await page.getByLabel(`Choose call ${failed}`).check();
    await page.getByRole("button", { name: /Re-send failed and refused/ }).click();
    await expect(page.getByTestId("dry-run-count")).toContainText("1 call will be sent again");
    // A destructive action takes two steps without JavaScript too: open the question, confirm.
    await page.getByText("Discard…").click();
    await page.getByRole("button", { name: "Discard the re-send of 1 call" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Re-send discarded" })).toBeVisible();

    // Queue: cancel without a reason is refused with a message.
    await page.goto("/queue");
    await page.getByText("Cancel…").click();
    await page.getByRole("button", { name: "Cancel the chosen write-backs" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Cancel needs a reason" })).toBeVisible();

    // Import: upload a file, see its check, discard it.
    const fileName = `nojs-${sfx}.csv`;
    await page.goto("/supervisor/import");
    await page.getByLabel("File of calls (CSV or JSON)").setInputFiles({
      name: fileName,
      mimeType: "text/csv",
      buffer: Buffer.from(
        `subCCNo,vdnId,serviceId,uniqueId,phoneNumber,callData\n1,88,${task},NJS-${sfx}-3,13800000001,x\n`,
      ),
    });
    await page.getByRole("button", { name: "Upload and check" }).click();
    await expect(page.getByRole("heading", { name: `Import of ${fileName}` })).toBeVisible();
    await page.getByText("Discard…").click();
    await page.getByRole("button", { name: `Discard ${fileName}` }).click();
    // Discarded: the choice is gone from its page, and the list says so.
    await expect(page.getByRole("form", { name: "How to import" })).toHaveCount(0);
    await page.goto("/supervisor/import");
    await expect(page.getByRole("row").filter({ hasText: fileName })).toContainText("discarded");

    expectNotInAnyUrl(navigations, ["assignTo=", "id=", "reason=", "scope=", "mode=", "13800000001"]);
  } finally {
    await context.close();
  }
});

test("without JavaScript, the admin's forms post and answer; nothing in the address", async ({ browser }) => {
  const sfx = uniqueSuffix().toLowerCase();
  const { context, page, navigations } = await noScriptPage(browser, "admin1");
  const password = `nojs-pass-${sfx}`;
  try {
    await page.goto("/admin/users");
    await page.getByLabel("Username").fill(`nojs-${sfx}`);
    await page.getByLabel(/^Password \(at least/).fill(password);
    await page.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Added nojs-${sfx} (agent).` })).toBeVisible();

    await page.goto("/admin/api-keys");
    await page.getByLabel("Name (which system)").fill(`nojs-${sfx}`);
    await page.getByLabel("Tasks it may touch (serviceIds, or * for all)").fill("*");
    await page.getByRole("button", { name: "Make key" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Key "nojs-${sfx}" made.` })).toBeVisible();
    const revoke = page.getByRole("form", { name: `Revoke key nojs-${sfx}` });
    await revoke.getByText("Revoke…").click();
    await revoke.getByRole("button", { name: `Revoke key nojs-${sfx}` }).click();
    // Revoked: the key's row says so instead of offering the button.
    await expect(page.getByRole("row").filter({ hasText: `nojs-${sfx}` })).toContainText("revoked");

    expectNotInAnyUrl(navigations, [password, "password", "serviceIds=", `name=nojs`]);
  } finally {
    await context.close();
  }
});
