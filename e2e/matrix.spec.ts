import { type APIRequestContext, expect, request as playwrightRequest, test } from "@playwright/test";
import { actionIds, actionResult, formReply, multipartReply } from "./server-actions";
import { appUrl, storageStatePath } from "./servers";

/**
 * The access matrix, over HTTP against the production server: every page, route handler and
 * server action × {signed out, the agent who owns the call, another agent, supervisor,
 * admin}. Server actions are called directly, as an attacker would: a POST with the
 * Next-Action header and the arguments in React's reply encoding. Their ids come from the
 * build's server-reference manifest (file + export name), so the test needs no HTML
 * scraping and fails when an action exists that this table does not list.
 */

const who = ["signedOut", "owner", "otherAgent", "supervisor", "admin"] as const;
type Who = (typeof who)[number];
const users: Record<Exclude<Who, "signedOut">, string> = {
  owner: "agent1",
  otherAgent: "agent2",
  supervisor: "super1",
  admin: "admin1",
};
type Row<T> = [T, T, T, T, T];

/** Pages: 200, "signin" (redirect to sign-in), 404, or "home" (redirect to /). */
type PageAnswer = 200 | 404 | "signin" | "home";
/** Server actions: refused as signed out, refused (not found / role), or let through. */
type ActionAnswer = "signin" | "denied" | "allowed";

const contexts = new Map<Who, APIRequestContext>();
let ownCall = 0;
let cells = 0;

test.beforeAll(async () => {
  contexts.set(
    "signedOut",
    await playwrightRequest.newContext({
      baseURL: appUrl,
      maxRedirects: 0,
      storageState: { cookies: [], origins: [] },
    }),
  );
  for (const [key, username] of Object.entries(users)) {
    contexts.set(
      key as Who,
      await playwrightRequest.newContext({
        baseURL: appUrl,
        maxRedirects: 0,
        storageState: storageStatePath(username),
      }),
    );
  }
  const list = await ctx("supervisor").post("/api/calls", { data: { q: "E2E-PLAIN-006" } });
  const rows = ((await list.json()) as { rows: { id: number; uniqueId: string }[] }).rows;
  ownCall = rows.find((r) => r.uniqueId === "E2E-PLAIN-006")?.id ?? 0;
  expect(ownCall, "fixture call E2E-PLAIN-006 (agent1's)").toBeGreaterThan(0);
});

test.afterAll(async () => {
  for (const c of contexts.values()) await c.dispose();
  console.log(`access matrix: ${cells} cells checked`);
});

function ctx(w: Who): APIRequestContext {
  const c = contexts.get(w);
  if (!c) throw new Error(`no context for ${w}`);
  return c;
}

async function pageAnswer(w: Who, path: string): Promise<PageAnswer | number> {
  const response = await ctx(w).get(path);
  const status = response.status();
  if (status >= 300 && status < 400) {
    const location = response.headers().location ?? "";
    if (location.startsWith("/sign-in") || location.includes("/sign-in?")) return "signin";
    if (location === "/" || location === `${appUrl}/`) return "home";
  }
  return status;
}

const pages: [string, () => string, Row<PageAnswer>][] = [
  ["list", () => "/", ["signin", 200, 200, 200, 200]],
  ["own call", () => `/calls/${ownCall}`, ["signin", 200, 404, 200, 200]],
  ["missing call", () => "/calls/999999", ["signin", 404, 404, 404, 404]],
  ["review", () => "/review?tz=UTC", ["signin", 404, 404, 200, 200]],
  ["queue", () => "/queue", ["signin", 404, 404, 200, 200]],
  ["bulk re-send (missing)", () => "/review/bulk/999999", ["signin", 404, 404, 404, 404]],
  ["admin users", () => "/admin/users", ["signin", 404, 404, 404, 200]],
  ["admin api keys", () => "/admin/api-keys", ["signin", 404, 404, 404, 200]],
  ["supervisor tasks", () => "/supervisor/tasks", ["signin", 404, 404, 200, 200]],
  ["supervisor import", () => "/supervisor/import", ["signin", 404, 404, 200, 200]],
  ["erasures", () => "/supervisor/erasures", ["signin", 404, 404, 200, 200]],
  ["import job (missing)", () => "/supervisor/import/999999", ["signin", 404, 404, 404, 404]],
  ["sign-in", () => "/sign-in", [200, "home", "home", "home", "home"]],
];

test("pages", async () => {
  for (const [name, path, expected] of pages) {
    for (const [i, w] of who.entries()) {
      expect(await pageAnswer(w, path()), `${name} (${path()}) as ${w}`).toBe(expected[i]);
      cells++;
    }
  }
});

type Route = [string, "GET" | "POST", () => string, Row<number>, Record<string, string>?];
const routes: Route[] = [
  ["list API", "GET", () => "/api/calls", [401, 200, 200, 200, 200]],
  [
    "write-back status (own call, no such write-back)",
    "GET",
    () => `/api/calls/${ownCall}/write-backs/999999`,
    [401, 404, 404, 404, 404],
  ],
  ["CSV export", "GET", () => "/api/review/export?tz=UTC", [401, 403, 403, 200, 200]],
  ["bulk progress (missing)", "GET", () => "/api/review/bulk/999999", [401, 403, 403, 404, 404]],
  ["import status (missing)", "GET", () => "/supervisor/import/999999/status", [401, 403, 403, 404, 404]],
  ["import upload (no file)", "POST", () => "/supervisor/import/upload", [401, 403, 403, 400, 400]],
  // Agents only: a supervisor does not take calls from the pool.
  [
    "take next call",
    "POST",
    () => "/api/assignment/take-next",
    [401, 200, 200, 403, 403],
    { Accept: "application/json" },
  ],
  ["health", "GET", () => "/api/health", [200, 200, 200, 200, 200]],
  ["ready", "GET", () => "/api/ready", [200, 200, 200, 200, 200]],
  ["metrics (off)", "GET", () => "/api/metrics", [404, 404, 404, 404, 404]],
  ["API v1 without a key", "GET", () => "/api/v1/calls", [401, 401, 401, 401, 401]],
  ["OpenAPI", "GET", () => "/api/v1/openapi.json", [200, 200, 200, 200, 200]],
];

test("route handlers", async () => {
  for (const [name, method, path, expected, headers] of routes) {
    for (const [i, w] of who.entries()) {
      const response = await ctx(w).fetch(path(), { method, headers });
      expect(response.status(), `${name} ${method} ${path()} as ${w}`).toBe(expected[i]);
      cells++;
    }
  }
  // Sign-out ends the session, so only the signed-out column is asked here (auth tests cover the rest).
  const out = await ctx("signedOut").post("/sign-out");
  expect(out.status()).toBe(303);
  cells++;
});

/** React's reply encoding (e2e/server-actions.ts): the argument list, or a form's fields. */
function reply(args: "form" | "prev+form" | unknown[], fields: Record<string, string> = {}): FormData {
  return Array.isArray(args) ? multipartReply(args) : formReply(args, fields);
}

async function actionAnswer(w: Who, id: string, body: FormData): Promise<ActionAnswer> {
  const response = await ctx(w).fetch("/", {
    method: "POST",
    headers: { "Next-Action": id, Accept: "text/x-component" },
    multipart: body,
  });
  const redirect = response.headers()["x-action-redirect"] ?? "";
  const text = await response.text();
  // The action's own answer (ActionResult), not the page text: a redirect renders a page
  // whose layout carries every message of the language, refusals included.
  const result = actionResult(text);
  if (redirect.startsWith("/sign-in") || result?.code === "unauthenticated") return "signin";
  if (
    response.status() === 404 ||
    result?.code === "forbidden" ||
    result?.code === "not_found" ||
    text.includes("NEXT_HTTP_ERROR_FALLBACK;404")
  )
    return "denied";
  expect(response.status(), `action ${id} as ${w}: ${text.slice(0, 300)}`).toBeLessThan(500);
  return "allowed";
}

const supervisorsOnly: Row<ActionAnswer> = ["signin", "denied", "denied", "allowed", "allowed"];
const adminOnly: Row<ActionAnswer> = ["signin", "denied", "denied", "denied", "allowed"];
const ownCallOnly: Row<ActionAnswer> = ["signin", "allowed", "denied", "allowed", "allowed"];
const agentsOnly: Row<ActionAnswer> = ["signin", "allowed", "allowed", "denied", "denied"];

const actions: [string, () => FormData, Row<ActionAnswer>][] = [
  ["app/review/actions.ts#assignAction", () => reply("form", { filter: "tz=UTC" }), supervisorsOnly],
  ["app/review/actions.ts#planBulkAction", () => reply("form", { filter: "tz=UTC" }), supervisorsOnly],
  ["app/review/actions.ts#planFinaliseAction", () => reply("form", { filter: "tz=UTC" }), supervisorsOnly],
  ["app/review/actions.ts#sendBulkAction", () => reply("form", {}), supervisorsOnly],
  ["app/review/actions.ts#discardBulkAction", () => reply("form", {}), supervisorsOnly],
  ["app/queue/actions.ts#retryAction", () => reply("form", {}), supervisorsOnly],
  ["app/queue/actions.ts#cancelAction", () => reply("form", {}), supervisorsOnly],
  ["app/supervisor/tasks/actions.ts#chooseTaskAction", () => reply("prev+form"), supervisorsOnly],
  ["app/supervisor/tasks/actions.ts#dropTaskAction", () => reply("prev+form"), supervisorsOnly],
  ["app/supervisor/tasks/actions.ts#fetchNowAction", () => reply("prev+form"), supervisorsOnly],
  ["app/supervisor/import/actions.ts#importChoiceAction", () => reply("prev+form"), supervisorsOnly],
  ["app/admin/users/actions.ts#addUserAction", () => reply("prev+form"), adminOnly],
  ["app/admin/users/actions.ts#setDisabledAction", () => reply("prev+form"), adminOnly],
  ["app/admin/users/actions.ts#setPasswordAction", () => reply("prev+form"), adminOnly],
  ["app/admin/users/actions.ts#setRoleAction", () => reply("prev+form"), adminOnly],
  ["app/admin/users/actions.ts#setWorkNoAction", () => reply("prev+form"), adminOnly],
  ["app/admin/api-keys/actions.ts#createKeyAction", () => reply("prev+form"), adminOnly],
  ["app/admin/api-keys/actions.ts#revokeKeyAction", () => reply("prev+form"), adminOnly],
  ["app/calls/[id]/actions.ts#sendWriteBack", () => reply([ownCall, {}]), ownCallOnly],
  ["app/calls/[id]/actions.ts#saveDraftAction", () => reply([ownCall, {}]), ownCallOnly],
  ["app/calls/[id]/actions.ts#discardDraftAction", () => reply([ownCall]), ownCallOnly],
  // Agents only: the next call after one of their own (supervisors work from the review).
  [
    "app/calls/[id]/actions.ts#openNextCallAction",
    () => reply([ownCall]),
    ["signin", "allowed", "denied", "denied", "denied"],
  ],
  ["app/calls/[id]/actions.ts#setAutoAdvanceAction", () => reply([false]), agentsOnly],
  // The write-back form's action for a submit made before its script runs: keeps a draft.
  [
    "app/calls/[id]/actions.ts#keepWriteBackWithoutScript",
    () => reply([null, { callRecordId: ownCall }]),
    ownCallOnly,
  ],
  // Marking a call final: a whole valid form, so only ownership decides (version 0 never
  // finalises: the call has no outcome then, or has moved past it).
  [
    "app/calls/[id]/actions.ts#finaliseAction",
    () =>
      reply([
        null,
        {
          callRecordId: ownCall,
          submissionId: "6f1c2b9e-8d4a-4c1e-9b7a-2f3d4e5a6b7c",
          baseVersion: "0",
          reason: "",
        },
      ]),
    ownCallOnly,
  ],
];
/**
 * Public by design: signing in, the language switch and the theme chooser (they only set
 * the browser's own language or theme cookie, so every role, signed in or not, may use them).
 */
const publicActions = new Set([
  "app/sign-in/actions.ts#signInAction",
  "app/language/actions.ts#setLocaleAction",
  "app/theme/actions.ts#setThemeAction",
]);

test("server actions, called directly over HTTP", async () => {
  const ids = actionIds();
  const listed = new Set([...actions.map(([key]) => key), ...publicActions]);
  const unlisted = [...ids.keys()].filter((key) => !listed.has(key));
  expect(unlisted, "every server action of the build has a row in this matrix").toEqual([]);
  for (const [key, body, expected] of actions) {
    const id = ids.get(key);
    // An action that another change removed or renamed is reported, not skipped.
    expect(id, `${key} is in the build`).toBeDefined();
    for (const [i, w] of who.entries()) {
      expect(await actionAnswer(w, id ?? "", body()), `${key} as ${w}`).toBe(expected[i]);
      cells++;
    }
  }
});

/**
 * The form rows above really carry their fields: an allowed form action changes a value
 * that can then be seen. agent2's work number is changed by the admin through the action
 * (fields `_1_username`, `_1_workNo`), shown on the users page, refused to a supervisor with
 * the same form, and put back.
 */
test("a form action called over HTTP receives its fields (admin changes a work number)", async () => {
  const id = actionIds().get("app/admin/users/actions.ts#setWorkNoAction");
  expect(id, "setWorkNoAction is in the build").toBeDefined();
  const setWorkNo = async (w: Who, workNo: string) => {
    const response = await ctx(w).fetch("/", {
      method: "POST",
      headers: { "Next-Action": id ?? "", Accept: "text/x-component" },
      multipart: reply("prev+form", { username: "agent2", workNo }),
    });
    expect(response.status(), `setWorkNoAction as ${w}`).toBeLessThan(500);
    return actionResult(await response.text());
  };
  const usersPage = async () =>
    (await (await ctx("admin").get("/admin/users")).text()).replace(/<!-- -->/g, "");

  expect(await usersPage()).toContain("agent2</span><span>· Agent</span><span>· work no. 10002");
  const changed = await setWorkNo("admin", "10077");
  expect(changed).toMatchObject({ ok: true, message: "agent2's work number is 10077." });
  expect(await usersPage()).toContain("agent2</span><span>· Agent</span><span>· work no. 10077");

  // The same fields from a supervisor change nothing.
  expect(
    await actionAnswer("supervisor", id ?? "", reply("prev+form", { username: "agent2", workNo: "10088" })),
  ).toBe("denied");
  expect(await usersPage()).toContain("agent2</span><span>· Agent</span><span>· work no. 10077");

  expect(await setWorkNo("admin", "10002")).toMatchObject({ ok: true });
  expect(await usersPage()).toContain("agent2</span><span>· Agent</span><span>· work no. 10002");
  cells += 4;
});
