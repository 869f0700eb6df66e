import { describe, expect, it } from "vitest";
import { requestPathForHeader } from "./request-path";

describe("requestPathForHeader", () => {
  it("keeps the path and the product's filter keys", () => {
    const params = new URLSearchParams("agent=agent1&tz=Europe%2FBerlin&page=2");
    expect(requestPathForHeader("/review", params)).toBe("/review?agent=agent1&tz=Europe%2FBerlin&page=2");
    expect(requestPathForHeader("/calls/12", new URLSearchParams())).toBe("/calls/12");
  });

  it("drops anything else: searches, passwords, numbers, tokens", () => {
    const params = new URLSearchParams(
      "q=13712345678&password=secret-pass&phone=13712345678&token=t&state=none",
    );
    const out = requestPathForHeader("/", params);
    expect(out).toBe("/?state=none");
    expect(out).not.toContain("13712345678");
    expect(out).not.toContain("secret-pass");
  });
});
