import { describe, expect, it } from "vitest";
import {
  checkServerActionRequest,
  crossSitePostRefusal,
  isServerActionRequest,
  oversizedFormPostRefusal,
  SERVER_ACTION_BODY_LIMIT,
} from "./server-action-guard";

const action = (body: string, headers: Record<string, string> = {}) =>
  new Request("http://desk.example/sign-in", {
    method: "POST",
    body,
    headers: {
      host: "desk.example",
      origin: "http://desk.example",
      "next-action": "40abc",
      "content-type": "text/plain;charset=UTF-8",
      ...headers,
    },
  });

describe("the server-action guard", () => {
  it("only looks at POSTs with a Next-Action header", () => {
    expect(isServerActionRequest(action("[]"))).toBe(true);
    expect(isServerActionRequest(new Request("http://desk.example/", { method: "POST" }))).toBe(false);
  });

  it("lets a well-formed request through", async () => {
    expect(await checkServerActionRequest(action('[{"username":"a"}]'))).toBeNull();
    expect(await checkServerActionRequest(action("[]"))).toBeNull();
  });

  it("refuses another site (403), an oversized body (413), and a body that is not a JSON array (400)", async () => {
    expect((await checkServerActionRequest(action("[]", { origin: "https://evil.example" })))?.status).toBe(
      403,
    );
    const big = "x".repeat(SERVER_ACTION_BODY_LIMIT + 1);
    expect(
      (await checkServerActionRequest(action(big, { "content-length": String(big.length) })))?.status,
    ).toBe(413);
    const bad = await checkServerActionRequest(action("[{"));
    expect(bad?.status).toBe(400);
    expect(await bad?.json()).toMatchObject({ error: { code: "malformed" } });
    expect((await checkServerActionRequest(action('{"a":1}')))?.status).toBe(400);
  });

  it("a multipart action body without its root part is refused (400)", async () => {
    const form = new FormData();
    form.set("1_username", "a");
    const req = new Request("http://desk.example/sign-in", {
      method: "POST",
      body: form,
      headers: { host: "desk.example", origin: "http://desk.example", "next-action": "40abc" },
    });
    expect((await checkServerActionRequest(req))?.status).toBe(400);
    form.set("0", '["$K1"]');
    const ok = new Request("http://desk.example/sign-in", {
      method: "POST",
      body: form,
      headers: { host: "desk.example", origin: "http://desk.example", "next-action": "40abc" },
    });
    expect(await checkServerActionRequest(ok)).toBeNull();
  });

  it("any POST from another site is refused, except the key-authenticated API", () => {
    const post = (origin: string) =>
      new Request("http://desk.example/x", { method: "POST", headers: { host: "desk.example", origin } });
    expect(crossSitePostRefusal(post("https://evil.example"), "/calls/1")?.status).toBe(403);
    expect(crossSitePostRefusal(post("https://evil.example"), "/api/v1/calls")).toBeNull();
    expect(crossSitePostRefusal(post("http://desk.example"), "/calls/1")).toBeNull();
  });

  it("a form posted without JavaScript over the limit gets a readable 413 page; route handlers keep their own limits", async () => {
    const form = (path: string, length: number, extra: Record<string, string> = {}) =>
      new Request(`http://desk.example${path}`, {
        method: "POST",
        headers: { host: "desk.example", "content-length": String(length), ...extra },
      });
    const refused = oversizedFormPostRefusal(form("/calls/1", SERVER_ACTION_BODY_LIMIT + 1), "/calls/1");
    expect(refused?.status).toBe(413);
    expect(refused?.headers.get("content-type")).toMatch(/text\/html/);
    expect(await refused?.text()).toMatch(/too large/);
    expect(oversizedFormPostRefusal(form("/calls/1", SERVER_ACTION_BODY_LIMIT), "/calls/1")).toBeNull();
    expect(
      oversizedFormPostRefusal(
        form("/calls/1", SERVER_ACTION_BODY_LIMIT + 1, { "next-action": "40abc" }),
        "/calls/1",
      ),
    ).toBeNull();
    for (const path of ["/supervisor/import/upload", "/api/v1/calls", "/api/calls", "/sign-out"])
      expect(oversizedFormPostRefusal(form(path, 5 * SERVER_ACTION_BODY_LIMIT), path), path).toBeNull();
  });
});
