import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { formReply } from "./server-actions";
import { appUrl } from "./servers";

/**
 * A server action is a public HTTP endpoint. Called with malformed arguments it answers a
 * 4xx or the action's own refusal, never 500: proxy.ts refuses what Next.js 16 would answer
 * with 500 before our code runs (docs/hardening.md lists each case), and the sign-in action
 * refuses a wrong shape itself. A page whose action is refused shows a readable message.
 */

test.use({ storageState: { cookies: [], origins: [] } });

function actionId(name: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const id = Object.entries(manifest.node).find(([, v]) => v.exportedName === name)?.[0];
  if (!id) throw new Error(`no server action ${name} in the build`);
  return id;
}

const headers = (extra: Record<string, string> = {}) => ({
  "Next-Action": actionId("signInAction"),
  Origin: appUrl,
  "Content-Type": "text/plain;charset=UTF-8",
  ...extra,
});

test("the sign-in action over HTTP: each malformed call gets a 4xx or a refusal, none a 500", async ({
  request,
}) => {
  const cases: [string, () => Promise<{ status(): number; text(): Promise<string> }>, number, RegExp][] = [
    ["[]", () => request.post("/sign-in", { headers: headers(), data: "[]" }), 200, /form was incomplete/],
    [
      "[null]",
      () => request.post("/sign-in", { headers: headers(), data: "[null]" }),
      200,
      /form was incomplete/,
    ],
    [
      "not JSON",
      () => request.post("/sign-in", { headers: headers(), data: "[{" }),
      400,
      /could not be read/,
    ],
    [
      "foreign Origin",
      () =>
        request.post("/sign-in", {
          headers: headers({ Origin: "https://evil.example" }),
          data: '[{"username":"a","password":"b","next":"/"}]',
        }),
      403,
      /another site/,
    ],
    [
      "2 MB",
      () =>
        request.post("/sign-in", {
          headers: headers(),
          data: JSON.stringify([{ username: "x".repeat(2 * 1024 * 1024), password: "b", next: "/" }]),
        }),
      413,
      /larger than 1 MB/,
    ],
    [
      "multipart without its root part",
      () =>
        request.post("/sign-in", {
          headers: { "Next-Action": actionId("signInAction"), Origin: appUrl },
          multipart: { "1_username": "a" },
        }),
      400,
      /could not be read/,
    ],
    [
      "an action id that does not exist",
      () =>
        request.post("/sign-in", {
          headers: headers({ "Next-Action": "40deadbeef00000000000000000000000000000000" }),
          data: "[]",
        }),
      409,
      /unavailable/,
    ],
    [
      "well-formed, wrong password",
      () =>
        request.post("/sign-in", {
          headers: { "Next-Action": actionId("signInAction"), Origin: appUrl },
          multipart: formReply("prev+form", { username: "agent1", password: "nope", next: "/" }),
        }),
      200,
      /Wrong username or password/,
    ],
  ];
  for (const [what, send, status, body] of cases) {
    const res = await send();
    expect(res.status(), what).toBe(status);
    expect(await res.text(), what).toMatch(body);
  }
});

test("a form whose action is refused before it runs shows a readable message, not a blank page", async ({
  page,
}) => {
  await page.goto("/sign-in");
  // The body arrives damaged: the proxy refuses it with 400 before Next.js decodes it (which
  // would answer 500). (Playwright cannot change a request's Origin, so not that case here.)
  await page.route("**/sign-in", async (route) => {
    const req = route.request();
    if (req.method() === "POST" && req.headers()["next-action"]) {
      await route.continue({ postData: "[{" });
    } else {
      await route.continue();
    }
  });
  await page.getByLabel("Username").fill("agent1");
  await page.getByLabel("Password").fill("agent1-demo-pass");
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
});
