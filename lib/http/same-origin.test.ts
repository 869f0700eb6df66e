import { describe, expect, it } from "vitest";
import { isSameOrigin } from "./same-origin";

const post = (headers: Record<string, string>) =>
  new Request("http://app.example/supervisor/import/upload", { method: "POST", headers });

describe("isSameOrigin", () => {
  it("admits the site's own origin, directly or behind a proxy", () => {
    expect(isSameOrigin(post({ host: "app.example", origin: "http://app.example" }))).toBe(true);
    expect(isSameOrigin(post({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }))).toBe(true);
    expect(
      isSameOrigin(
        post({ host: "internal:3000", "x-forwarded-host": "desk.example", origin: "https://desk.example" }),
      ),
    ).toBe(true);
  });

  it("refuses another host, another port, a null origin and garbage", () => {
    expect(isSameOrigin(post({ host: "app.example", origin: "https://evil.example" }))).toBe(false);
    expect(isSameOrigin(post({ host: "app.example:3000", origin: "http://app.example:4000" }))).toBe(false);
    expect(isSameOrigin(post({ host: "app.example", origin: "null" }))).toBe(false);
    expect(isSameOrigin(post({ host: "app.example", origin: "not a url" }))).toBe(false);
  });

  it("without Origin: refuses a browser's cross-site fetch, admits a command-line client", () => {
    expect(isSameOrigin(post({ host: "app.example", "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isSameOrigin(post({ host: "app.example", "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(isSameOrigin(post({ host: "app.example" }))).toBe(true);
  });
});
